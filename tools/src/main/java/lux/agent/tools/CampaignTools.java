package lux.agent.tools;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.List;
import lux.agent.AgentOutput;
import lux.agent.insights.CampaignStats;
import lux.agent.insights.CampaignStatsReader;
import lux.agent.when.WhenParser;
import lux.campaigns.CampaignAudiences;
import lux.campaigns.CampaignService;
import lux.campaigns.CampaignView;
import lux.campaigns.NewCampaign;
import lux.campaigns.PlanCheck;
import lux.campaigns.SendApprovalService;
import lux.contacts.AudienceFilter;
import lux.segments.SegmentService;
import lux.templates.TemplateService;
import org.springframework.data.domain.PageRequest;

/**
 * Campaigns: build, ask to schedule or resume (a confirmation card, never a send), pause,
 * cancel, list, stats.
 */
public class CampaignTools {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM yyyy HH:mm");

    private final CampaignService campaigns;

    private final TemplateService templates;

    private final ConfirmationService confirmations;

    private final CampaignStatsReader stats;

    private final Clock clock;

    private final ToolSession session;

    private final SendApprovalService approvals;

    private final CampaignAudiences audiences;

    private final SegmentService segments;

    CampaignTools(CampaignService campaigns, TemplateService templates, ConfirmationService confirmations,
            CampaignStatsReader stats, Clock clock, ToolSession session, SendApprovalService approvals,
            CampaignAudiences audiences, SegmentService segments) {
        this.audiences = audiences;
        this.segments = segments;
        this.approvals = approvals;
        this.campaigns = campaigns;
        this.templates = templates;
        this.confirmations = confirmations;
        this.stats = stats;
        this.clock = clock;
        this.session = session;
    }

    @Tool("""
            Creates a draft campaign: a saved template sent to a saved segment (segmentName) or to contacts chosen by tags.
            Does not send anything.""")
    public ToolResult buildCampaign(@P("a name for the campaign") String name,
            @P("the name of the saved template to send") String templateName,
            @P(value = "contacts with ANY of these tags; empty = everyone", required = false) List<String> anyOfTags,
            @P(value = "contacts with ALL of these tags", required = false) List<String> allOfTags,
            @P(value = "leave out contacts with any of these tags", required = false) List<String> excludedTags,
            @P(value = "a saved segment as the audience, instead of tags", required = false) String segmentName) {
        return ToolResults.attempt(session, "buildCampaign", () -> {
            long templateId = templates.byName(templateName).id();
            AudienceFilter audience = new AudienceFilter(ContactTools.set(anyOfTags), ContactTools.set(allOfTags),
                    ContactTools.set(excludedTags));
            Long segmentId = segmentName == null || segmentName.isBlank() ? null : segments.getByName(segmentName).id();
            CampaignView campaign = campaigns.create(new NewCampaign(name, templateId, null, audience, segmentId),
                    session.actor());
            return new ToolResult.CampaignDrafted(campaign.name(), audiences.describe(campaign.id()),
                    audiences.count(campaign.id()), false, ToolResult.CampaignDrafted.NEXT);
        });
    }

    /** A draft for a tag audience, as the forms and commands build it. */
    public ToolResult buildCampaign(String name, String templateName, List<String> anyOfTags, List<String> allOfTags,
            List<String> excludedTags) {
        return buildCampaign(name, templateName, anyOfTags, allOfTags, excludedTags, null);
    }

    @Tool("""
            Asks the user to confirm scheduling a campaign: shows a card with the audience count, time and a Confirm button.
            Nothing is scheduled or sent until the user presses Confirm themselves; you cannot confirm for them.""")
    public ToolResult scheduleCampaign(@P("the campaign name") String campaignName,
            @P("when to send: ISO 8601 like 2026-12-01T10:00 (the user's time zone) or with an offset or Z, words like 'tomorrow 9:00', or 'now'") String when) {
        return ToolResults.attempt(session, "scheduleCampaign", () -> {
            CampaignView campaign = byName(campaignName);
            var local = WhenParser.parse(when, session.zone(), session.locale(), clock);
            return shown(
                    confirmations.requestSchedule(session.actor(), campaign.id(), local.orElse(null), session.zone()),
                    "NOTHING is scheduled yet; it happens only if the user presses Confirm on the card.");
        });
    }

    @Tool("""
            Asks the user to confirm APPROVING another person's requested send (when send approval is on): shows a card with
            the audience, time and a Confirm button. Nothing is approved until the user presses Confirm themselves.""")
    public ToolResult approveCampaign(@P("the campaign name") String campaignName) {
        return ToolResults.attempt(session, "approveCampaign", () -> {
            CampaignView campaign = byName(campaignName);
            return shown(confirmations.requestApproval(session.actor(), campaign.id(), session.zone()), "Asked by "
                    + campaign.approval().requestedBy() + ". NOTHING is approved until the user presses Confirm.");
        });
    }

    @Tool("""
            Asks the user to confirm REJECTING another person's requested send (when send approval is on): shows a card with
            the reason and a Confirm button. Nothing is rejected until the user presses Confirm themselves.""")
    public ToolResult rejectCampaign(@P("the campaign name") String campaignName,
            @P(value = "why, told to the person who asked", required = false) String reason) {
        return ToolResults.attempt(session, "rejectCampaign", () -> {
            CampaignView campaign = byName(campaignName);
            return shown(confirmations.requestReject(session.actor(), campaign.id(), reason, session.zone()),
                    "Asked by " + campaign.approval().requestedBy()
                            + ". NOTHING is rejected until the user presses Confirm on it.");
        });
    }

    @Tool("Lists campaigns whose send waits for a second person's approval.")
    public ToolResult listPendingApprovals() {
        return ToolResults.attempt(session, "listPendingApprovals",
                () -> new ToolResult.PendingApprovals(approvals.required(),
                        approvals.pending()
                            .stream()
                            .map(c -> new ToolResult.PendingApproval(c.name(), c.approval().requestedBy(),
                                    WHEN.format(c.scheduledAt().atZone(session.zone()))))
                            .toList()));
    }

    @Tool("Pauses a scheduled or sending campaign.")
    public ToolResult pauseCampaign(@P("the campaign name") String campaignName) {
        return ToolResults.attempt(session, "pauseCampaign", () -> {
            CampaignView c = campaigns.pause(byName(campaignName).id(), session.actor());
            return new ToolResult.CampaignStatusChanged(c.name(), c.status().label());
        });
    }

    @Tool("Asks the user to confirm resuming a paused campaign (a card with Confirm). Nothing resumes until they press it.")
    public ToolResult resumeCampaign(@P("the campaign name") String campaignName) {
        return ToolResults.attempt(session, "resumeCampaign",
                () -> shown(confirmations.requestResume(session.actor(), byName(campaignName).id(), session.zone()),
                        "NOTHING has resumed yet."));
    }

    @Tool("""
            Asks the user to confirm CANCELLING a campaign for good (it cannot be restarted): shows a card with a Confirm button.
            Nothing is cancelled until the user presses Confirm themselves. To stop sending at once, pause it instead.""")
    public ToolResult cancelCampaign(@P("the campaign name") String campaignName) {
        return ToolResults.attempt(session, "cancelCampaign",
                () -> shown(confirmations.requestCancel(session.actor(), byName(campaignName).id(), session.zone()),
                        "NOTHING is cancelled until the user presses Confirm on it."));
    }

    @Tool("Lists the most recent campaigns with their status.")
    public ToolResult listCampaigns() {
        return ToolResults.attempt(session, "listCampaigns", () -> {
            List<CampaignView> recent = campaigns.list(null, PageRequest.of(0, 15)).getContent();
            session.show(new AgentOutput.Campaigns(recent));
            return new ToolResult.CampaignsListed(ToolResult.DATA_CAMPAIGNS,
                    recent.stream()
                        .map(c -> new ToolResult.CampaignLine(c.name(), c.status().label(), c.awaitingApproval(),
                                c.scheduledAt() == null ? null : c.scheduledAt().toString()))
                        .toList());
        });
    }

    @Tool("Reports a campaign's numbers: sent (accepted), delivered, hard and soft bounces, replies, auto-replies, failed, "
            + "human opens, clicks, unsubscribes and rates.")
    public ToolResult reportStats(@P("the campaign name") String campaignName) {
        return ToolResults.attempt(session, "reportStats", () -> {
            CampaignStats s = stats.read(byName(campaignName).id());
            session.show(new AgentOutput.Stats(s));
            return new ToolResult.StatsReported(ToolResult.DATA_CAMPAIGNS, s.campaign().name(),
                    s.campaign().status().label(), s.recipients(), s.sent(), s.failed(), s.skipped(), s.pending(),
                    s.humanOpens(), percent(s.openRate()), s.clicks(), percent(s.clickRate()), s.unsubscribes(),
                    s.machineOpens(), s.deliverability().delivered(), s.deliverability().hardBounces(),
                    s.deliverability().softBounces(), percent(s.deliverability().bounceRate()),
                    s.deliverability().replies(), s.deliverability().autoReplies());
        });
    }

    /**
     * The card goes to the person (with its nonce); the model learns only that it is
     * shown and nothing happened yet.
     */
    private ToolResult shown(AgentOutput.Confirmation card, String note) {
        session.show(card);
        return new ToolResult.ConfirmationShown(card.kind(), card.campaign().name(), card.audienceCount(),
                WHEN.format(card.when()) + " " + session.zone().getId(), false, note,
                card.warnings().stream().map(PlanCheck::message).toList());
    }

    private CampaignView byName(String name) {
        return campaigns.find(name);
    }

    static String percent(double rate) {
        return Math.round(rate * 1000) / 10.0 + "%";
    }

}
