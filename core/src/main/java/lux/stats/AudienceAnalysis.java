package lux.stats;

import java.util.List;
import java.util.Map;

/**
 * Who the active audience (optionally one tag) is, measured from the database. Engagement
 * is by human opens and clicks: active = within {@code activeDays}, lapsing = engaged
 * before but not since, never opened = mailed at least once without a human open,
 * machine-only = every open came from a proxy or scanner.
 */
public record AudienceAnalysis(String scope, long activeContacts, Map<String, Long> byStatus, Map<String, Long> topTags,
        long engagedRecently, long lapsing, long neverOpened, long neverMailed, long machineOnly, int activeDays,
        Map<String, Long> topDomains, long suppressedAddresses, long suppressedDomains, List<String> recommendations) {
}
