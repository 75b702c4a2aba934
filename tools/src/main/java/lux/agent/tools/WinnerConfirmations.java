package lux.agent.tools;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import lux.abtests.AbTestService;
import lux.abtests.AbTestView;
import lux.agent.AgentOutput;
import lux.agent.ConfirmationKind;
import lux.audit.Actor;
import lux.campaigns.CampaignService;
import lux.campaigns.CampaignView;
import lux.campaigns.SchedulePlanner;
import lux.shared.ConflictException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A person picking the winner of an A/B test, behind the confirmation gate: the card
 * names the variant and counts who it really goes to (the audience less the test share);
 * Confirm ({@link ConfirmationService#confirm}) sends it to the rest.
 */
@Service
public class WinnerConfirmations {

    private final AbTestService abTests;

    private final CampaignService campaigns;

    private final SchedulePlanner planner;

    private final ConfirmationIssuer issuer;

    private final Clock clock;

    WinnerConfirmations(AbTestService abTests, CampaignService campaigns, SchedulePlanner planner,
            ConfirmationIssuer issuer, Clock clock) {
        this.abTests = abTests;
        this.campaigns = campaigns;
        this.planner = planner;
        this.issuer = issuer;
        this.clock = clock;
    }

    /**
     * The Confirm card for sending variant {@code variantLabel} to the rest of the
     * audience; its note names the variant ("B: ...").
     */
    @Transactional
    public AgentOutput.Confirmation request(Actor actor, long campaignId, String variantLabel, ZoneId zone) {
        AbTestView test = abTests.view(campaignId);
        if (!test.choosable()) {
            throw new ConflictException("The A/B test of \"" + test.campaignName() + "\" is " + test.status().label()
                    + (test.winnerLabel() == null ? "" : " (winner " + test.winnerLabel() + ")")
                    + "; there is no winner to choose now.");
        }
        String label = AbTestService.label(variantLabel, test.variants().size());
        AbTestView.Variant v = test.variants().get(label.charAt(0) - 'A');
        String note = label + ": \"" + v.subject() + "\" goes to the rest of the audience (" + test.verdict().summary()
                + ")";
        // the winner send leaves out every test recipient: the card counts who it really
        // reaches
        long rest = abTests.winnerAudience(test.campaignId());
        CampaignView campaign = campaigns.get(test.campaignId());
        Instant now = clock.instant();
        return issuer.issue(actor, ConfirmationKind.CHOOSE_WINNER, campaign, null, zone,
                ZonedDateTime.ofInstant(now, zone), note, rest, planner.finish(campaign, rest, now), List.of(),
                List.of());
    }

    /** Confirm was pressed on a winner card: the variant its note names goes out. */
    CampaignView confirmed(long campaignId, String note, Actor actor) {
        abTests.chooseWinner(campaignId, note.substring(0, 1), actor);
        return campaigns.get(campaignId);
    }

}
