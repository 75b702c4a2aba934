package lux.api;

import lux.campaigns.CampaignService;
import lux.preflight.PreflightReport;
import lux.preflight.PreflightService;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The pre-flight verdict of a campaign: blocking problems (scheduling is refused while
 * any stands) and warnings.
 */
@RestController
class PreflightApi {

    private final CampaignService campaigns;

    private final PreflightService preflight;

    PreflightApi(CampaignService campaigns, PreflightService preflight) {
        this.campaigns = campaigns;
        this.preflight = preflight;
    }

    @GetMapping("/api/v1/campaigns/{id}/preflight")
    PreflightResponse check(@PathVariable long id) {
        PreflightReport report = preflight.check(campaigns.get(id));
        return new PreflightResponse(report.blocked(), report.recipients(), report.blocking(), report.warnings());
    }

    /** {@code blocked}: scheduling would be refused now. */
    record PreflightResponse(boolean blocked, long recipients, java.util.List<PreflightReport.Problem> blocking,
            java.util.List<PreflightReport.Problem> warnings) {
    }

}
