-- A journey's send step keeps its mail's tracking in a campaign of its own; campaign lists and counts leave those out
-- (they are shown under their journey) while stats still count their mails.
ALTER TABLE campaign ADD COLUMN for_journey BOOLEAN DEFAULT FALSE NOT NULL;
UPDATE campaign SET for_journey = TRUE WHERE id IN (SELECT s.campaign_id FROM journey_step s WHERE s.campaign_id IS NOT NULL);
