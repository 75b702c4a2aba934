-- A Confirm card may be about contacts rather than a campaign: deleting one contact, or every contact of an audience
-- with the count the person saw. Such a card has no campaign; it names its contacts in target and target_count.
ALTER TABLE agent_confirmation ALTER COLUMN campaign_id DROP NOT NULL;
ALTER TABLE agent_confirmation ADD COLUMN target VARCHAR(2000);
ALTER TABLE agent_confirmation ADD COLUMN target_count BIGINT;
ALTER TABLE agent_confirmation DROP CONSTRAINT ck_agent_confirmation_kind;
ALTER TABLE agent_confirmation ADD CONSTRAINT ck_agent_confirmation_kind
    CHECK (kind IN ('SCHEDULE', 'RESUME', 'APPROVE', 'CANCEL', 'REJECT', 'DELETE_CONTACTS'));
