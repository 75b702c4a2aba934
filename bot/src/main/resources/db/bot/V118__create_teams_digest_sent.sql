-- One row per user and digest period sent (or being sent): the primary key makes each period's digest go out once,
-- however many instances run the job.
CREATE TABLE teams_digest_sent (
    user_id       BIGINT      NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    period_start  TIMESTAMP WITH TIME ZONE NOT NULL,
    cadence       VARCHAR(10) NOT NULL,
    sent_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (user_id, period_start)
);
