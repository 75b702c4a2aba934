package lux.preflight;

import java.util.List;
import lux.campaigns.CampaignView;
import lux.campaigns.PlanCheck;
import lux.campaigns.ScheduleCheck;
import lux.campaigns.SchedulePlan;
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
            .map(p -> new PlanCheck(p.severity() == PreflightReport.Severity.BLOCKING ? PlanCheck.Severity.BLOCKING
                    : PlanCheck.Severity.WARNING, PlanCheck.Topic.PREFLIGHT, p.message(), p.check().name()))
            .toList();
    }

    /** From the plan's findings, as {@link #check} made them: no second run. */
    @Override
    public LuxException refusal(SchedulePlan plan, List<PlanCheck> findings) {
        List<PreflightReport.Problem> problems = findings.stream()
            .map(f -> new PreflightReport.Problem(PreflightReport.Check.valueOf(f.code()),
                    f.blocks() ? PreflightReport.Severity.BLOCKING : PreflightReport.Severity.WARNING, f.message()))
            .toList();
        return new PreflightRefusedException(plan.campaign().name(),
                new PreflightReport(plan.audienceCount(), problems));
    }

}
