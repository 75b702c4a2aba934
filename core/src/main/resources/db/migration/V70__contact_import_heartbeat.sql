-- A queued or running import's instance refreshes this; one silent for long was left behind by a crash and is
-- marked FAILED (with its spooled upload removed) at start-up and by the periodic sweep.
ALTER TABLE contact_import ADD COLUMN heartbeat_at TIMESTAMP WITH TIME ZONE;
CREATE INDEX ix_contact_import_status ON contact_import (status);
