package lux.agent.tools;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import lux.abtests.AbMetric;
import lux.abtests.AbMode;
import lux.abtests.AbTestService;
import lux.abtests.AbTestView;
import lux.abtests.NewAbTest;
import lux.agent.AgentOutput;
import lux.agent.when.WhenParser;
import lux.campaigns.CampaignService;
import lux.campaigns.CampaignStatus;
import lux.campaigns.CampaignView;
import lux.shared.InvalidInputException;
import org.springframework.data.domain.PageRequest;

/**
 * A/B tests from chat: set one up and ask to send it (a Confirm card, never a send), show
 * its results, ask to send a chosen winner (a Confirm card). Thin over
 * {@link AbTestService}, {@link ConfirmationService} and {@link WinnerConfirmations}.
 */
public class AbTestTools {

    private final AbTestService abTests;

    private final CampaignService campaigns;

    private final ConfirmationService confirmations;

    private final WinnerConfirmations winners;

    private final Clock clock;

    private final ToolSession session;

    AbTestTools(AbTestService abTests, CampaignService campaigns, ConfirmationService confirmations,
            WinnerConfirmations winners, Clock clock, ToolSession session) {
        this.abTests = abTests;
        this.winners = winners;
        this.campaigns = campaigns;
        this.confirmations = confirmations;
        this.clock = clock;
        this.session = session;
    }

    @Tool("""
            Sets up an A/B test of 2 to 4 subject lines on a DRAFT campaign and asks the user to confirm sending it: shows a
            card with a Confirm button. A share of the audience gets the test, split evenly between the subjects; after the
            wait LUX sends the winning subject (by human opens, clicks or click-to-open) to the rest of the audience, or
            lets the user choose. Nothing is sent until the user presses Confirm themselves.""")
    public ToolResult abTestCampaign(
            @P(value = "the draft campaign's name; empty = the user's most recent draft",
                    required = false) String campaignName,
            @P("2 to 4 subject lines to test, in order (A, B, C, D)") List<String> subjects,
            @P(value = "percent of the audience that gets the test, 1 to 50; default 20",
                    required = false) Integer testPercent,
            @P(value = "what decides the winner: opens (default), clicks or click-to-open",
                    required = false) String metric,
            @P(value = "hours to wait after the test is sent before deciding; default 4",
                    required = false) Double waitHours,
            @P(value = "true when the user wants to pick the winner themselves; default false (LUX sends it)",
                    required = false) Boolean userChooses,
            @P(value = "when to send the test: ISO 8601 like 2026-12-01T10:00 (the user's time zone), words like 'tomorrow 9:00', or 'now' (default)",
                    required = false) String when) {
        return ToolResults.attempt(session, "abTestCampaign", () -> {
            CampaignView campaign = draft(campaignName);
            Duration wait = waitHours == null ? Duration.ofHours(4) : Duration.ofMinutes(Math.round(waitHours * 60));
            AbTestView test = abTests.setUp(new NewAbTest(campaign.id(),
                    (subjects == null ? List.<String>of() : subjects).stream().map(NewAbTest.Variant::subject).toList(),
                    testPercent == null ? 20 : testPercent, AbMetric.parse(metric), wait,
                    Boolean.TRUE.equals(userChooses) ? AbMode.MANUAL : AbMode.AUTO, null), session.actor());
            var local = when == null || when.isBlank() ? java.util.Optional.<java.time.LocalDateTime>empty()
                    : WhenParser.parse(when, session.zone(), session.locale(), clock);
            AgentOutput.Confirmation card = confirmations.requestSchedule(session.actor(), campaign.id(),
                    local.orElse(null), session.zone());
            session.show(card);
            return new AbTestResults.AbTestProposed(ToolResult.DATA_CAMPAIGNS, campaign.name(),
                    test.variants().stream().map(v -> v.label() + ": " + v.subject()).toList(), test.testPercent(),
                    test.metric().label(), test.waitTime().toMinutes(), test.mode() == AbMode.MANUAL, false,
                    "NOTHING is sent yet; the test goes out only if the user presses Confirm on the card.");
        });
    }

    @Tool("Shows an A/B test's results: each variant's rates, the p-value and the verdict (winner or too close to call).")
    public ToolResult abTestResults(@P("the campaign name") String campaignName) {
        return ToolResults.attempt(session, "abTestResults", () -> {
            AbTestView test = abTests.view(campaigns.find(campaignName).id());
            session.show(new AgentOutput.AbTest(test));
            return new AbTestResults.AbTestReported(ToolResult.DATA_CAMPAIGNS, test.campaignName(),
                    test.status().label(), test.verdict().summary(), test.winnerLabel());
        });
    }

    @Tool("""
            Asks the user to confirm sending a chosen variant of an A/B test to the rest of the audience: shows a card with a
            Confirm button. Nothing is sent until the user presses Confirm themselves.""")
    public ToolResult chooseAbTestWinner(@P("the campaign name") String campaignName,
            @P("the variant's letter: A, B, C or D") String variant) {
        return ToolResults.attempt(session, "chooseAbTestWinner", () -> {
            AgentOutput.Confirmation card = winners.request(session.actor(), campaigns.find(campaignName).id(), variant,
                    session.zone());
            session.show(card);
            return new ToolResult.ConfirmationShown(card.kind(), card.campaign().name(), card.audienceCount(), "now",
                    false, "NOTHING is sent until the user presses Confirm on the card.", List.of());
        });
    }

    private CampaignView draft(String name) {
        if (name != null && !name.isBlank()) {
            return campaigns.find(name);
        }
        return campaigns.list(CampaignStatus.DRAFT, PageRequest.of(0, 20))
            .getContent()
            .stream()
            .filter(c -> session.actor().userId() == null
                    || session.actor().userId().equals(campaigns.owner(c.id()).orElse(null)))
            .findFirst()
            .orElseThrow(() -> new InvalidInputException("campaign",
                    "There is no draft campaign to test. Create one first (new campaign), then ask again."));
    }

}
