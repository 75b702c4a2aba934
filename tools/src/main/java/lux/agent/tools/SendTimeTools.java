package lux.agent.tools;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import java.util.Locale;
import lux.besttime.BestTimeService;
import lux.campaigns.CampaignService;
import lux.digest.DigestCadence;
import lux.digest.DigestPreferences;

/**
 * When things reach people: a campaign at each contact's best time (through the usual
 * Confirm card), and how often the user gets the digest in Teams.
 */
public class SendTimeTools {

    private final BestTimeService bestTime;

    private final CampaignService campaigns;

    private final CampaignTools campaignTools;

    private final DigestPreferences digests;

    private final ToolSession session;

    SendTimeTools(BestTimeService bestTime, CampaignService campaigns, CampaignTools campaignTools,
            DigestPreferences digests, ToolSession session) {
        this.bestTime = bestTime;
        this.campaigns = campaigns;
        this.campaignTools = campaignTools;
        this.digests = digests;
        this.session = session;
    }

    @Tool("""
            Asks the user to confirm sending a campaign at EACH CONTACT'S BEST TIME: every contact gets it at the hour of
            the week they usually open (or the audience's best hour), within 24 hours after 'when'. Shows the Confirm card;
            nothing is scheduled or sent until the user presses Confirm themselves.""")
    public ToolResult scheduleAtBestTime(@P("the campaign name") String campaignName,
            @P("when the 24-hour window opens: ISO 8601 like 2026-12-01T00:00 (the user's time zone), words like 'tomorrow', or 'now'") String when) {
        ToolResult chosen = ToolResults.attempt(session, "scheduleAtBestTime", () -> {
            bestTime.choose(campaigns.find(campaignName).id(), true, session.actor());
            return null;
        });
        return chosen != null ? chosen : campaignTools.scheduleCampaign(campaignName, when);
    }

    @Tool("Sets how often the user gets the LUX digest card in Teams (campaigns, opens, clicks, list growth): OFF, DAILY or WEEKLY.")
    public ToolResult setDigest(@P("OFF, DAILY or WEEKLY") String cadence) {
        return ToolResults.attempt(session, "setDigest", () -> {
            DigestCadence chosen;
            try {
                chosen = DigestCadence.valueOf(cadence == null ? "" : cadence.strip().toUpperCase(Locale.ROOT));
            }
            catch (IllegalArgumentException e) {
                return new ToolResult.Failed("'" + cadence + "' is not a digest setting; say off, daily or weekly.");
            }
            return new DigestSet(digests.set(session.actor(), chosen).name());
        });
    }

    /** The digest cadence now set. */
    public record DigestSet(String cadence) implements ToolResult.Extension {
        public PeopleLine line() {
            return PeopleLine.of("digest.set." + cadence.toLowerCase(java.util.Locale.ROOT));
        }
    }

}
