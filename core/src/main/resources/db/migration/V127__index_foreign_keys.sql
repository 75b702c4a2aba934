-- PostgreSQL does not index the referencing side of a foreign key. Without these, deleting
-- campaign_recipient rows (an A/B test keeping its test share, a winner send leaving out the
-- test recipients, erasure) checked outbox_message and journey_step_run by a full scan per
-- deleted row: 80,000 test-share deletes over 110,000 outbox rows ran for minutes.
CREATE INDEX ix_outbox_message_recipient ON outbox_message (recipient_id);
CREATE INDEX ix_journey_step_run_recipient ON journey_step_run (recipient_id);
CREATE INDEX ix_journey_step_campaign ON journey_step (campaign_id);
CREATE INDEX ix_best_time_pick_contact ON best_time_pick (contact_id);
