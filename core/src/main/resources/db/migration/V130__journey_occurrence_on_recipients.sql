-- A yearly date journey (a birthday, a renewal date) mails the same step again when the date comes round next year:
-- its step campaign then holds one recipient row per contact and occurrence (the enrolment's occurrence, e.g.
-- 2027-12-07). Campaigns and every other journey keep '' and so stay at one row per address.
ALTER TABLE campaign_recipient ADD COLUMN occurrence VARCHAR(20) DEFAULT '' NOT NULL;
ALTER TABLE campaign_recipient DROP CONSTRAINT uq_campaign_recipient_email;
ALTER TABLE campaign_recipient ADD CONSTRAINT uq_campaign_recipient_email UNIQUE (campaign_id, email, occurrence);
