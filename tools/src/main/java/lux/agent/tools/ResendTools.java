package lux.agent.tools;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import lux.campaigns.CampaignAudiences;
import lux.campaigns.CampaignService;
import lux.campaigns.CampaignView;
import lux.campaigns.Resend;
import lux.campaigns.ResendService;

/**
 * "Send it again to those who didn't open": core {@link ResendService} makes the linked
 * draft; a time goes through the usual Confirm card
 * ({@link CampaignTools#scheduleCampaign}), never straight to the scheduler.
 */
public class ResendTools {

    private final ResendService resends;

    private final CampaignService campaigns;

    private final CampaignAudiences audiences;

    private final CampaignTools scheduling;

    private final ToolSession session;

    ResendTools(ResendService resends, CampaignService campaigns, CampaignAudiences audiences, CampaignTools scheduling,
            ToolSession session) {
        this.resends = resends;
        this.campaigns = campaigns;
        this.audiences = audiences;
        this.scheduling = scheduling;
        this.session = session;
    }

    @Tool("""
            Resends a sent campaign to its recipients who did not open it (opens by people; machine opens do not count):
            a new linked draft, optionally with a new subject. With 'when' it then asks the user to confirm the time on a
            card, like scheduleCampaign; nothing is sent until they press Confirm.""")
    public ToolResult resendToNonOpeners(@P("the sent campaign's name") String campaignName,
            @P(value = "a new subject; empty = the original subject", required = false) String newSubject,
            @P(value = "true to also leave out people who clicked without a recorded open",
                    required = false) Boolean leaveOutClickers,
            @P(value = "when to send, as for scheduleCampaign; empty = stay a draft", required = false) String when) {
        return ToolResults.attempt(session, "resendToNonOpeners", () -> {
            CampaignView original = campaigns.find(campaignName);
            CampaignView draft = resends.resendToNonOpeners(original.id(),
                    Resend.draft(newSubject, Boolean.TRUE.equals(leaveOutClickers)), session.actor());
            if (when != null && !when.isBlank()) {
                return scheduling.scheduleCampaign("#" + draft.id(), when);
            }
            return new SegmentResults.ResendDrafted(original.name(), draft.name(),
                    newSubject == null || newSubject.isBlank() ? null : newSubject.strip(), audiences.count(draft.id()),
                    SegmentResults.ResendDrafted.NEXT);
        });
    }

}
