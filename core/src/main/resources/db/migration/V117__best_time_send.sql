-- Send-time optimisation: campaigns sent at each contact's best hour within a window.
-- A campaign chosen for a best-time send (the row's presence is the choice).
CREATE TABLE campaign_best_time (
    campaign_id  BIGINT NOT NULL PRIMARY KEY REFERENCES campaign (id) ON DELETE CASCADE,
    chosen_at    TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Each recipient's best hour of the week, worked out when the campaign starts (kept for its stats).
CREATE TABLE best_time_pick (
    campaign_id   BIGINT   NOT NULL REFERENCES campaign (id) ON DELETE CASCADE,
    contact_id    BIGINT   NOT NULL REFERENCES contact (id) ON DELETE CASCADE,
    hour_of_week  SMALLINT NOT NULL,
    opens         INTEGER  NOT NULL,
    PRIMARY KEY (campaign_id, contact_id)
);

-- When a recipient may be sent at the earliest (null: at once) and where that time came from:
-- CONTACT (their own best hour), AUDIENCE (the audience's best hour) or PLAIN (the campaign's time).
ALTER TABLE campaign_recipient ADD COLUMN due_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE campaign_recipient ADD COLUMN send_slot VARCHAR(10);
