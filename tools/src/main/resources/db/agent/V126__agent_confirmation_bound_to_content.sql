-- A Confirm card is bound to the campaign's version and a hash of what it showed; a change withdraws it (outcome
-- WITHDRAWN). Destructive actions the model asks for (cancel, reject) wait for a card too; note keeps a reject's reason.
-- Released as part of core's V64; a database that ran it there already has these columns and index (hence IF NOT
-- EXISTS), a new one gets them here, in the agent's own migrations.
ALTER TABLE agent_confirmation ADD COLUMN IF NOT EXISTS campaign_version BIGINT;
ALTER TABLE agent_confirmation ADD COLUMN IF NOT EXISTS content_hash VARCHAR(64);
ALTER TABLE agent_confirmation ADD COLUMN IF NOT EXISTS note VARCHAR(1000);
CREATE INDEX IF NOT EXISTS ix_agent_confirmation_campaign ON agent_confirmation (campaign_id, used_at);
