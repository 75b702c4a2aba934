-- A resend reaches the recipients of an earlier campaign who did not open it (optionally: nor clicked).
ALTER TABLE campaign ADD COLUMN resend_of BIGINT REFERENCES campaign (id) ON DELETE SET NULL;
ALTER TABLE campaign ADD COLUMN resend_exclude_clickers BOOLEAN NOT NULL DEFAULT FALSE;
CREATE INDEX ix_campaign_resend_of ON campaign (resend_of);
