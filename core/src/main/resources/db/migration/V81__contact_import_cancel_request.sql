-- A cancel asked for on any instance: the instance running the import reads it with its heartbeat and stops.
ALTER TABLE contact_import ADD COLUMN cancel_requested_at TIMESTAMP WITH TIME ZONE;
