package lux.admin;

import java.time.Duration;
import java.time.Instant;
import lux.campaigns.CampaignStatus;
import lux.campaigns.CampaignView;

/** How far a campaign is, and when it will finish at the rate it has sent so far (null when unknown). */
record CampaignProgress(int done, int total, int percent, Instant estimatedFinish) {
    static CampaignProgress of(CampaignView c, Instant now) {
        int done = c.sentCount() + c.failedCount() + c.skippedCount();
        int total = c.recipientsTotal();
        int percent = total == 0 ? 0 : (int) Math.min(100, Math.round(100.0 * done / total));
        Instant eta = null;
        if (c.status() == CampaignStatus.SENDING && c.startedAt() != null && done > 0 && done < total) {
            long elapsedMillis = Math.max(1, Duration.between(c.startedAt(), now).toMillis());
            double perMilli = (double) done / elapsedMillis;
            eta = now.plusMillis((long) ((total - done) / perMilli));
        } else if (c.status() == CampaignStatus.SENT) {
            eta = c.finishedAt();
        }
        return new CampaignProgress(done, total, percent, eta);
    }
}
