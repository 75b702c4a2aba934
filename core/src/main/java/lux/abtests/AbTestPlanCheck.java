package lux.abtests;

import java.util.List;
import lux.campaigns.CampaignAudiences;
import lux.campaigns.CampaignView;
import lux.campaigns.PlanCheck;
import lux.campaigns.ScheduleCheck;
import lux.campaigns.SchedulePlan;
import lux.shared.InvalidInputException;
import lux.shared.LuxException;
import org.springframework.stereotype.Component;

/**
 * Puts the A/B test into the one schedule plan, so the Confirm card, the console and the
 * API say what will happen: who gets the test, how the winner is picked and when. It
 * blocks a test share too small to give every variant a recipient.
 */
@Component
class AbTestPlanCheck implements ScheduleCheck {

    private final AbTestStore store;

    private final CampaignAudiences audiences;

    AbTestPlanCheck(AbTestStore store, CampaignAudiences audiences) {
        this.store = store;
        this.audiences = audiences;
    }

    @Override
    public List<PlanCheck> check(CampaignView campaign) {
        return store.byTestOrWinnerCampaign(campaign.id()).map(test -> {
            List<AbTestStore.VariantRow> variants = store.variants(test.id());
            if (test.campaignId() != campaign.id()) {
                return List.of(PlanCheck.warning(PlanCheck.Topic.AUDIENCE,
                        "Winner " + AbStatistics.label(test.winnerVariant() == null ? 0 : test.winnerVariant())
                                + " of an A/B test: the " + test.testSize()
                                + " people who got the test are left out."));
            }
            long audience = audiences.count(campaign.id());
            int size = AbTestSplitter.testSize(audience, test.testPercent(), variants.size());
            if (size < variants.size()) {
                return List.of(PlanCheck.blocking(PlanCheck.Topic.AUDIENCE,
                        "The A/B test needs at least one person per variant; " + test.testPercent() + "% of " + audience
                                + " is too few. Choose a larger share or audience."));
            }
            return List.of(PlanCheck.warning(PlanCheck.Topic.AUDIENCE, describe(test, variants, size)));
        }).orElse(List.of());
    }

    /** Its blocking finding (a share too small) refuses through the plan itself. */
    @Override
    public boolean mayBlock() {
        return false;
    }

    @Override
    public LuxException refusal(SchedulePlan plan, List<PlanCheck> findings) {
        return new InvalidInputException("audience",
                findings.stream()
                    .filter(PlanCheck::blocks)
                    .map(PlanCheck::message)
                    .findFirst()
                    .orElse("The A/B test of \"" + plan.campaign().name() + "\" cannot be sent."));
    }

    static String describe(AbTestStore.Row test, List<AbTestStore.VariantRow> variants, int size) {
        StringBuilder text = new StringBuilder("A/B test: ");
        for (AbTestStore.VariantRow v : variants) {
            text.append(v.variant() == 0 ? "" : " vs ")
                .append(AbStatistics.label(v.variant()))
                .append(" \"")
                .append(v.subject())
                .append('"');
        }
        text.append(" to ")
            .append(test.testPercent())
            .append("% of the audience (")
            .append(size)
            .append(" people, ")
            .append(size / variants.size())
            .append(" each). After ")
            .append(hours(test.waitMinutes()))
            .append(test.mode() == AbMode.AUTO ? " LUX sends the winner by " : " you pick the winner (by ")
            .append(test.metric().label())
            .append(test.mode() == AbMode.AUTO ? "" : ")")
            .append(" to the rest.");
        return text.toString();
    }

    static String hours(int minutes) {
        return minutes % 60 == 0 ? minutes / 60 + (minutes == 60 ? " hour" : " hours") : minutes + " minutes";
    }

}
