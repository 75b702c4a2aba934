-- Exchange Online counts a mailbox's recipients over a rolling 24 hours, not per calendar day: 10,000 sent before
-- midnight and 10,000 after would trip it. Each mailbox's sends are now counted per hour; a reservation adds up
-- the last 25 hourly counts (one more than 24, so a send late in its hour is still counted a full day later).
CREATE TABLE mailbox_hour (
    mailbox     VARCHAR(320) NOT NULL,
    hour_start  TIMESTAMP WITH TIME ZONE NOT NULL,
    used        INTEGER      NOT NULL,
    PRIMARY KEY (mailbox, hour_start)
);
-- Today's counts so far carry over as sent now (the safe side: they leave the window a day from now).
INSERT INTO mailbox_hour (mailbox, hour_start, used)
SELECT mailbox, CURRENT_TIMESTAMP, quota_used FROM mailbox_limit WHERE quota_used > 0 AND quota_day >= CURRENT_DATE - 1;
ALTER TABLE mailbox_limit DROP COLUMN quota_day;
ALTER TABLE mailbox_limit DROP COLUMN quota_used;
