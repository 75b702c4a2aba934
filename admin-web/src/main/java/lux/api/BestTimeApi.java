package lux.api;

import lux.admin.ConsoleUser;
import lux.audit.Channel;
import lux.besttime.BestTimeComparison;
import lux.besttime.BestTimeService;
import lux.campaigns.CampaignService;
import lux.shared.InvalidInputException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * A campaign's best-time send: choose it (or the plain time) before the campaign starts,
 * and afterwards compare the recipients sent at their best hour with those sent at the
 * plain time. {@code POST .../schedule} takes the same choice as {@code bestTime}.
 */
@RestController
class BestTimeApi {

    private final BestTimeService bestTime;

    private final CampaignService campaigns;

    BestTimeApi(BestTimeService bestTime, CampaignService campaigns) {
        this.bestTime = bestTime;
        this.campaigns = campaigns;
    }

    @PutMapping("/api/v1/campaigns/{id}/best-time")
    BestTimeComparison choose(@PathVariable long id, @RequestBody BestTimeRequest body,
            @AuthenticationPrincipal ConsoleUser user) {
        if (body == null || body.bestTime() == null) {
            throw new InvalidInputException("bestTime",
                    "Say true (each contact's best time within 24 hours) or false (the plain send time).");
        }
        bestTime.choose(id, body.bestTime(), user.actor(Channel.API));
        return bestTime.compare(id);
    }

    @GetMapping("/api/v1/campaigns/{id}/best-time")
    BestTimeComparison compare(@PathVariable long id) {
        campaigns.get(id); // 404 for an unknown campaign
        return bestTime.compare(id);
    }

    record BestTimeRequest(Boolean bestTime) {
    }

}
