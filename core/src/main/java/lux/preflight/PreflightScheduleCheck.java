package lux.preflight;

import java.util.List;
import lux.campaigns.CampaignView;
import lux.campaigns.PlanCheck;
import lux.campaigns.ScheduleCheck;
import lux.shared.LuxException;
import org.springframework.stereotype.Component;

/**
 * The pre-flight check as part of the one schedule plan (chat's Confirm, console and API
 * alike).
 */
@Component
class PreflightScheduleCheck implements ScheduleCheck {

    private final PreflightService preflight;

    PreflightScheduleCheck(PreflightService preflight) {
        this.preflight = preflight;
    }

    @Override
    public List<PlanCheck> check(CampaignView campaign) {
        return preflight.check(campaign)
            .problems()
            .stream()
            .map(p -> p.severity() == PreflightReport.Severity.BLOCKING
                    ? PlanCheck.blocking(PlanCheck.Topic.PREFLIGHT, p.message())
                    : PlanCheck.warning(PlanCheck.Topic.PREFLIGHT, p.message()))
            .toList();
    }

    @Override
    public LuxException refusal(CampaignView campaign) {
        return new PreflightRefusedException(campaign.name(), preflight.check(campaign));
    }

}
