-- The card an import's progress is shown in, so whichever instance hears of the import next updates it in place.
-- last_update_at spaces the updates (lux.teams.progress-update-interval) across instances; rows go when the import
-- finishes, or with the hourly purge once idle for a day (an import whose instance died).
CREATE TABLE teams_import_card (
    import_id        BIGINT       NOT NULL PRIMARY KEY,
    conversation_id  VARCHAR(300) NOT NULL,
    activity_id      VARCHAR(300) NOT NULL,
    last_update_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_teams_import_card_updated ON teams_import_card (last_update_at);

-- When a campaign's progress card was last updated for a progress event: every instance sending the campaign
-- reads it, so the card is updated at most once per lux.teams.progress-update-interval in all. Null: not yet.
ALTER TABLE teams_progress_card ADD COLUMN last_progress_at TIMESTAMP WITH TIME ZONE;
