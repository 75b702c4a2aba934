-- Chart images for cards (Teams fetches them without LUX's login, under an unguessable id). In the database rather
-- than one instance's memory, so any instance behind a load balancer serves them; expired rows are purged hourly.
CREATE TABLE teams_chart (
    id          VARCHAR(32)  NOT NULL PRIMARY KEY,
    png         BYTEA        NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_teams_chart_expires ON teams_chart (expires_at);
