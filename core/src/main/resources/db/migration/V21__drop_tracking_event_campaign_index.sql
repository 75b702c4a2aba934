-- Campaign stats read the tracking_rollup counters, so nothing on a request path reads tracking_event by campaign
-- any more; the index only cost every tracking hit an extra index insert (docs/benchmarks.md "Tracking").
-- Per-recipient reads (GDPR export and erasure, audience analysis) keep ix_tracking_event_recipient.
DROP INDEX ix_tracking_event_campaign;
