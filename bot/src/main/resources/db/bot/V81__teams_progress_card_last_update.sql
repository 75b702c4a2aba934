-- When a campaign's progress card was last updated for a progress event: every instance sending the campaign
-- reads it, so the card is updated at most once per lux.teams.progress-update-interval in all. Null: not yet.
ALTER TABLE teams_progress_card ADD COLUMN last_progress_at TIMESTAMP WITH TIME ZONE;
