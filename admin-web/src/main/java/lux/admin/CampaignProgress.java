package lux.admin;

import java.time.Instant;
import lux.campaigns.CampaignView;

/**
 * How far a campaign is, and when it will finish (the schedule planner's one estimate;
 * null when unknown).
 */
record CampaignProgress(int done, int total, int percent, Instant estimatedFinish) {
    static CampaignProgress of(CampaignView c, Instant estimatedFinish) {
        int done = c.sentCount() + c.failedCount() + c.skippedCount();
        int total = c.recipientsTotal();
        int percent = total == 0 ? 0 : (int) Math.min(100, Math.round(100.0 * done / total));
        return new CampaignProgress(done, total, percent, estimatedFinish);
    }
}
