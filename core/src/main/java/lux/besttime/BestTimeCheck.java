package lux.besttime;

import java.util.List;
import lux.campaigns.CampaignView;
import lux.campaigns.PlanCheck;
import lux.campaigns.ScheduleCheck;
import lux.campaigns.SchedulePlan;
import lux.shared.ConflictException;
import lux.shared.LuxException;
import org.springframework.stereotype.Component;

/**
 * Tells the schedule plan (Confirm card, console, API) that a campaign goes at each
 * contact's best time, so nobody is surprised that it takes up to a day.
 */
@Component
class BestTimeCheck implements ScheduleCheck {

    private final BestTimeChoices choices;

    private final BestTimeProperties properties;

    BestTimeCheck(BestTimeChoices choices, BestTimeProperties properties) {
        this.choices = choices;
        this.properties = properties;
    }

    @Override
    public List<PlanCheck> check(CampaignView campaign) {
        if (!choices.chosen(campaign.id())) {
            return List.of();
        }
        return List.of(PlanCheck.warning(PlanCheck.Topic.TIME,
                "Best time: each contact gets it at the hour they usually open, within " + properties.window().toHours()
                        + " hours of the start (contacts with too few opens at the audience's best hour)."));
    }

    @Override
    public boolean mayBlock() {
        return false;
    }

    /** Never called: this check only informs. */
    @Override
    public LuxException refusal(SchedulePlan plan, List<PlanCheck> findings) {
        return new ConflictException("Best time cannot block a send.");
    }

}
