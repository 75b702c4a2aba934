package lux.delivery;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import lux.campaigns.CampaignService;
import lux.campaigns.CampaignView;
import org.springframework.dao.OptimisticLockingFailureException;

/**
 * A sending campaign's counters after each batch without counting every recipient row per
 * batch (a scan of the campaign: quadratic over a large one). The stored counters are
 * refreshed from the rows at most every second, and never more often than 20 times the
 * last refresh took (so counting stays under 5% of the time); in between, this instance's
 * own outcomes are added to the last refreshed numbers.
 */
final class ProgressTally {

    static final long REFRESH_EVERY_NANOS = Duration.ofSeconds(1).toNanos();

    private final CampaignService campaigns;

    /** System::nanoTime in production; only differences between two readings matter. */
    private final LongSupplier nanoTime;

    private final Map<Long, Tally> tallies = new ConcurrentHashMap<>();

    ProgressTally(CampaignService campaigns, LongSupplier nanoTime) {
        this.campaigns = campaigns;
        this.nanoTime = nanoTime;
    }

    /** The campaign's counters with this batch's outcomes in them. */
    CampaignView afterBatch(long campaignId, List<Outcome> outcomes) {
        Tally t = tallies.computeIfAbsent(campaignId, id -> new Tally());
        synchronized (t) {
            for (Outcome o : outcomes) {
                switch (o.status()) {
                    case "SENT" -> t.sent++;
                    case "FAILED" -> t.failed++;
                    case "SKIPPED" -> t.skipped++;
                    default -> {
                    }
                }
            }
            long now = nanoTime.getAsLong();
            if (t.base == null || refreshDue(now - t.refreshedAt, t.refreshTook)) {
                t.base = counted(campaignId);
                t.refreshTook = nanoTime.getAsLong() - now;
                t.refreshedAt = nanoTime.getAsLong();
                t.sent = 0;
                t.failed = 0;
                t.skipped = 0;
            }
            return plus(t.base, t.sent, t.failed, t.skipped);
        }
    }

    /**
     * Whether the counters are read from the rows again: a second has passed, and 20
     * times the last reading's cost.
     */
    static boolean refreshDue(long sinceRefresh, long refreshTook) {
        return sinceRefresh >= Math.max(REFRESH_EVERY_NANOS, 20 * refreshTook);
    }

    /** The campaign is done here; its next run starts from the rows. */
    void forget(long campaignId) {
        tallies.remove(campaignId);
    }

    /**
     * Counters from the rows; another instance refreshing at the same moment wins the
     * version race, so retry.
     */
    CampaignView counted(long campaignId) {
        for (int attempt = 1;; attempt++) {
            try {
                return campaigns.refreshCounters(campaignId);
            }
            catch (OptimisticLockingFailureException e) {
                if (attempt == 5) {
                    return campaigns.get(campaignId);
                }
            }
        }
    }

    private static CampaignView plus(CampaignView b, long sent, long failed, long skipped) {
        return new CampaignView(b.id(), b.name(), b.templateId(), b.sender(), b.audience(), b.status(), b.scheduledAt(),
                b.scheduleZone(), b.startedAt(), b.finishedAt(), b.recipientsTotal(), (int) (b.sentCount() + sent),
                (int) (b.failedCount() + failed), (int) (b.skippedCount() + skipped), b.createdAt(), b.updatedAt(),
                b.approval());
    }

    /** Last counters read from the rows, and this instance's outcomes since. */
    private static final class Tally {

        CampaignView base;

        long refreshedAt;

        long refreshTook;

        long sent;

        long failed;

        long skipped;

    }

}
