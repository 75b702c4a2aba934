package lux.tracking;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;

/**
 * The rollup counters of one written batch, per campaign and metric name ("open.human",
 * "hour.2026-11-26T06.click.machine", "link.7.human", "reason.apple-mpp", "uopen.any",
 * ...). Names are made once per batch and hour or link, not per hit, and counts are plain
 * longs: building three names and boxing three counts per hit was most of what the writer
 * allocated at tens of thousands of hits a second.
 */
final class BatchCounts {

    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH")
        .withZone(ZoneOffset.UTC);

    private static final String[] TOTALS = { "open.human", "open.machine", "click.human", "click.machine" };

    private final Map<Long, Map<String, long[]>> counts = new HashMap<>();

    private final Map<Long, String[]> hourNames = new HashMap<>();

    private final Map<Long, String[]> linkNames = new HashMap<>();

    /**
     * One stored hit: its total, its hour, its link (clicks) and, for machine traffic,
     * its reason.
     */
    void hit(long campaignId, boolean open, Instant at, Long linkId, String machineReason) {
        Map<String, long[]> campaign = campaign(campaignId);
        int kindWho = (open ? 0 : 2) + (machineReason == null ? 0 : 1);
        increment(campaign, TOTALS[kindWho], 1);
        increment(campaign,
                hourNames.computeIfAbsent(Math.floorDiv(at.getEpochSecond(), 3600), BatchCounts::hourNames)[kindWho],
                1);
        if (linkId != null) {
            increment(campaign, linkNames.computeIfAbsent(linkId,
                    id -> new String[] { "link." + id + ".human", "link." + id + ".machine" })[machineReason == null ? 0
                            : 1],
                    1);
        }
        if (machineReason != null) {
            increment(campaign,
                    "reason." + (machineReason.length() <= 70 ? machineReason : machineReason.substring(0, 70)), 1);
        }
    }

    void add(long campaignId, String metric, long n) {
        increment(campaign(campaignId), metric, n);
    }

    /** As RollupWriter takes them. */
    Map<Long, Map<String, Long>> toMap() {
        Map<Long, Map<String, Long>> out = new HashMap<>(counts.size() * 2);
        counts.forEach((campaign, metrics) -> {
            Map<String, Long> m = new HashMap<>(metrics.size() * 2);
            metrics.forEach((name, n) -> m.put(name, n[0]));
            out.put(campaign, m);
        });
        return out;
    }

    private Map<String, long[]> campaign(long campaignId) {
        return counts.computeIfAbsent(campaignId, k -> new HashMap<>());
    }

    private static void increment(Map<String, long[]> metrics, String name, long n) {
        metrics.computeIfAbsent(name, k -> new long[1])[0] += n;
    }

    private static String[] hourNames(long epochHour) {
        String hour = "hour." + HOUR.format(Instant.ofEpochSecond(epochHour * 3600)) + ".";
        String[] names = new String[TOTALS.length];
        for (int i = 0; i < names.length; i++) {
            names[i] = hour + TOTALS[i];
        }
        return names;
    }

}
