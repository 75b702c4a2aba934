-- Imports and senders look up a batch of addresses, their domains and hashes at once, whatever the kind.
CREATE INDEX ix_suppression_entry ON suppression (entry);
