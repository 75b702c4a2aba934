-- Optional send approval (lux.campaigns.approval.required): scheduling asks a second person first. The request
-- (the time asked for is kept in scheduled_at/schedule_zone) waits on the campaign until someone other than the
-- requester approves it (the campaign becomes scheduled) or rejects it. Who decided what is also in the audit log.
ALTER TABLE campaign ADD COLUMN approval_state VARCHAR(20);
ALTER TABLE campaign ADD COLUMN approval_requested_by BIGINT;
ALTER TABLE campaign ADD COLUMN approval_requested_by_name VARCHAR(200);
ALTER TABLE campaign ADD COLUMN approval_requested_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE campaign ADD COLUMN approval_template_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE campaign ADD COLUMN approval_decided_by_name VARCHAR(200);
ALTER TABLE campaign ADD COLUMN approval_decided_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE campaign ADD COLUMN approval_note VARCHAR(1000);
ALTER TABLE campaign ADD CONSTRAINT fk_campaign_approval_requested_by FOREIGN KEY (approval_requested_by)
    REFERENCES app_user (id) ON DELETE SET NULL;
ALTER TABLE campaign ADD CONSTRAINT ck_campaign_approval_state
    CHECK (approval_state IS NULL OR approval_state IN ('PENDING', 'APPROVED', 'REJECTED', 'WITHDRAWN'));
CREATE INDEX ix_campaign_approval_state ON campaign (approval_state);
