-- What a person confirmed is what goes out. A scheduled (or approved) campaign keeps its own copy of the template as it
-- was confirmed (send_subject/html/text): editing the template afterwards changes it for later campaigns, never for
-- this one. send_hash is the SHA-256 of that content, the audience definition, the sender and the time; delivery
-- checks it before the first recipient. approval_hash is the same for a send approval request.
ALTER TABLE campaign ADD COLUMN send_subject VARCHAR(500);
ALTER TABLE campaign ADD COLUMN send_html TEXT;
ALTER TABLE campaign ADD COLUMN send_text TEXT;
ALTER TABLE campaign ADD COLUMN send_hash VARCHAR(64);
ALTER TABLE campaign ADD COLUMN approval_hash VARCHAR(64);

-- Campaigns scheduled before this version keep the template as it is now (they have no hash; delivery accepts that).
UPDATE campaign SET send_subject = (SELECT t.subject FROM email_template t WHERE t.id = campaign.template_id),
                    send_html = (SELECT t.html_body FROM email_template t WHERE t.id = campaign.template_id),
                    send_text = (SELECT t.text_body FROM email_template t WHERE t.id = campaign.template_id)
WHERE status IN ('SCHEDULED', 'SENDING', 'PAUSED');

-- A Confirm card is bound to the campaign's version and a hash of what it showed; a change withdraws it (outcome
-- WITHDRAWN). Destructive actions the model asks for (cancel, reject) wait for a card too; note keeps a reject's reason.
ALTER TABLE agent_confirmation ADD COLUMN campaign_version BIGINT;
ALTER TABLE agent_confirmation ADD COLUMN content_hash VARCHAR(64);
ALTER TABLE agent_confirmation ADD COLUMN note VARCHAR(1000);
ALTER TABLE agent_confirmation DROP CONSTRAINT ck_agent_confirmation_kind;
ALTER TABLE agent_confirmation ADD CONSTRAINT ck_agent_confirmation_kind
    CHECK (kind IN ('SCHEDULE', 'RESUME', 'APPROVE', 'CANCEL', 'REJECT'));
CREATE INDEX ix_agent_confirmation_campaign ON agent_confirmation (campaign_id, used_at);
