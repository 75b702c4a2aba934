package lux.agent.tools;

import java.util.List;

/** What the A/B test tools return; the sentences people read are here. */
public final class AbTestResults {

    private AbTestResults() {
    }

    /** The test is set up and a Confirm card to send it is shown; nothing is sent yet. */
    public record AbTestProposed(String note, String campaign, List<String> variants, int testPercent, String metric,
            long waitMinutes, boolean userChooses, boolean happened, String status) implements ToolResult.Extension {
        public PeopleLine line() {
            return PeopleLine.of("abtest.proposed", campaign, String.join(" vs ", variants), testPercent);
        }
    }

    /** The results card shows the numbers. */
    public record AbTestReported(String note, String campaign, String status, String verdict,
            String winner) implements ToolResult.Extension {
        public PeopleLine line() {
            return PeopleLine.NONE;
        }
    }

}
