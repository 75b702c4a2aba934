-- One-time codes an admin shows a user so they can link their Teams identity by sending it to the bot.
-- Only a SHA-256 of the code is stored; a code is used once and expires.
CREATE TABLE teams_link_code (
    code_hash   VARCHAR(64) PRIMARY KEY,
    user_id     BIGINT      NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_teams_link_code_user ON teams_link_code (user_id);
