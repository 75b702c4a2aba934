package lux.admin;

import java.time.Clock;
import java.time.Instant;
import lux.campaigns.CampaignService;
import lux.campaigns.CampaignStatus;
import lux.campaigns.CampaignView;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The small JSON the campaign page polls while a campaign is scheduled or sending
 * (campaign-progress.js).
 */
@RestController
class CampaignProgressController {

    private final CampaignService campaigns;

    private final Clock clock;

    CampaignProgressController(CampaignService campaigns, Clock clock) {
        this.campaigns = campaigns;
        this.clock = clock;
    }

    @GetMapping("/admin/campaigns/{id}/progress")
    Snapshot progress(@PathVariable long id) {
        CampaignView c = campaigns.get(id);
        CampaignProgress p = CampaignProgress.of(c, clock.instant());
        return new Snapshot(c.status().label(), live(c.status()), p.done(), p.total(), p.percent(), c.sentCount(),
                c.failedCount(), c.skippedCount(), p.estimatedFinish());
    }

    /**
     * Worth polling: the numbers or status can still change without anyone acting on the
     * page.
     */
    static boolean live(CampaignStatus status) {
        return status == CampaignStatus.SCHEDULED || status == CampaignStatus.SENDING;
    }

    record Snapshot(String status, boolean live, int done, int total, int percent, int sent, int failed, int skipped,
            Instant estimatedFinish) {
    }

}
