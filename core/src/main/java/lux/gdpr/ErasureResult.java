package lux.gdpr;

import java.util.Map;

/**
 * What an erasure touched. The address itself is not part of the result: only the first
 * characters of its SHA-256, under which it stays suppressed, so the request can be
 * matched later without keeping the address.
 */
public record ErasureResult(String hashPrefix, boolean contactDeleted, int recipientsAnonymised,
        int trackingEventsCleared, int auditEntriesScrubbed, int importReportsScrubbed, Map<String, Integer> others) {
}
