-- How often a user wants the digest in Teams: WEEKLY (no row: the default), DAILY or OFF.
CREATE TABLE digest_preference (
    user_id     BIGINT      NOT NULL PRIMARY KEY REFERENCES app_user (id) ON DELETE CASCADE,
    cadence     VARCHAR(10) NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT ck_digest_preference_cadence CHECK (cadence IN ('OFF', 'DAILY', 'WEEKLY'))
);
