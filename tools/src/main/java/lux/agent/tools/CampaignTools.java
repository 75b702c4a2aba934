package lux.agent.tools;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Collectors;
import lux.agent.AgentOutput;
import lux.agent.insights.CampaignStats;
import lux.agent.insights.CampaignStatsReader;
import lux.campaigns.CampaignService;
import lux.campaigns.CampaignView;
import lux.campaigns.NewCampaign;
import lux.campaigns.SendApprovalService;
import lux.contacts.AudienceFilter;
import lux.contacts.ContactService;
import lux.shared.NotFoundException;
import lux.templates.TemplateService;
import org.springframework.data.domain.PageRequest;

/** Campaigns: build, ask to schedule or resume (a confirmation card, never a send), pause, cancel, list, stats. */
public class CampaignTools {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM yyyy HH:mm");
    private final CampaignService campaigns;
    private final TemplateService templates;
    private final ContactService contacts;
    private final ConfirmationService confirmations;
    private final CampaignStatsReader stats;
    private final Clock clock;
    private final ToolSession session;
    private final SendApprovalService approvals;

    CampaignTools(CampaignService campaigns, TemplateService templates, ContactService contacts,
                  ConfirmationService confirmations, CampaignStatsReader stats, Clock clock, ToolSession session,
                  SendApprovalService approvals) {
        this.approvals = approvals;
        this.campaigns = campaigns;
        this.templates = templates;
        this.contacts = contacts;
        this.confirmations = confirmations;
        this.stats = stats;
        this.clock = clock;
        this.session = session;
    }

    @Tool("Creates a draft campaign: a saved template sent to contacts chosen by tags. Does not send anything.")
    public String buildCampaign(@P("a name for the campaign") String name,
                                @P("the name of the saved template to send") String templateName,
                                @P(value = "contacts with ANY of these tags; empty = everyone", required = false) List<String> anyOfTags,
                                @P(value = "contacts with ALL of these tags", required = false) List<String> allOfTags,
                                @P(value = "leave out contacts with any of these tags", required = false) List<String> excludedTags) {
        return ToolResults.attempt(session, "buildCampaign", () -> {
            long templateId = TemplateTools.byName(templates, templateName).id();
            AudienceFilter audience = new AudienceFilter(ContactTools.set(anyOfTags), ContactTools.set(allOfTags),
                    ContactTools.set(excludedTags));
            CampaignView campaign = campaigns.create(new NewCampaign(name, templateId, null, audience), session.actor());
            long reach = contacts.countAudience(audience);
            return "Draft campaign \"" + campaign.name() + "\" created for " + audience.describe() + " (" + reach
                    + " contacts today). It is NOT scheduled: call scheduleCampaign to ask the user to confirm a time.";
        });
    }

    @Tool("""
            Asks the user to confirm scheduling a campaign: shows a card with the audience count, time and a Confirm button.
            Nothing is scheduled or sent until the user presses Confirm themselves; you cannot confirm for them.""")
    public String scheduleCampaign(@P("the campaign name") String campaignName,
                                   @P("when to send, in the user's time zone: ISO like 2026-12-01T10:00, or 'now'") String when) {
        return ToolResults.attempt(session, "scheduleCampaign", () -> {
            CampaignView campaign = byName(campaignName);
            var local = WhenParser.parse(when, session.zone(), clock);
            AgentOutput.Confirmation card = confirmations.requestSchedule(session.actor(), campaign.id(), local.orElse(null), session.zone());
            session.show(card);
            return "A confirmation card is shown to the user: \"" + campaign.name() + "\" to " + card.audienceCount()
                    + " recipients on " + WHEN.format(card.when()) + " " + session.zone().getId()
                    + ". NOTHING is scheduled yet; it happens only if the user presses Confirm on the card."
                    + (approvals.required() ? " Send approval is on here: after Confirm, a second person must approve it before it is sent." : "");
        });
    }

    @Tool("""
            Asks the user to confirm APPROVING another person's requested send (when send approval is on): shows a card with
            the audience, time and a Confirm button. Nothing is approved until the user presses Confirm themselves.""")
    public String approveCampaign(@P("the campaign name") String campaignName) {
        return ToolResults.attempt(session, "approveCampaign", () -> {
            CampaignView campaign = byName(campaignName);
            AgentOutput.Confirmation card = confirmations.requestApproval(session.actor(), campaign.id(), session.zone());
            session.show(card);
            return "A confirmation card to approve \"" + campaign.name() + "\" (asked by " + campaign.approval().requestedBy() + ", "
                    + card.audienceCount() + " recipients) is shown. NOTHING is approved until the user presses Confirm.";
        });
    }

    @Tool("""
            Asks the user to confirm REJECTING another person's requested send (when send approval is on): shows a card with
            the reason and a Confirm button. Nothing is rejected until the user presses Confirm themselves.""")
    public String rejectCampaign(@P("the campaign name") String campaignName,
                                 @P(value = "why, told to the person who asked", required = false) String reason) {
        return ToolResults.attempt(session, "rejectCampaign", () -> {
            CampaignView campaign = byName(campaignName);
            AgentOutput.Confirmation card = confirmations.requestReject(session.actor(), campaign.id(), reason, session.zone());
            session.show(card);
            return "A card to reject \"" + campaign.name() + "\" (asked by " + campaign.approval().requestedBy() + ") is shown. "
                    + "NOTHING is rejected until the user presses Confirm on it.";
        });
    }

    @Tool("Lists campaigns whose send waits for a second person's approval.")
    public String listPendingApprovals() {
        return ToolResults.attempt(session, "listPendingApprovals", () -> {
            List<CampaignView> pending = approvals.pending();
            if (pending.isEmpty()) {
                return approvals.required() ? "No campaign is waiting for approval." : "Send approval is off here; campaigns are scheduled directly.";
            }
            return "Waiting for approval:\n" + pending.stream().map(c -> "- " + c.name() + " (asked by " + c.approval().requestedBy()
                    + ", for " + WHEN.format(c.scheduledAt().atZone(session.zone())) + ")").collect(Collectors.joining("\n"));
        });
    }

    @Tool("Pauses a scheduled or sending campaign.")
    public String pauseCampaign(@P("the campaign name") String campaignName) {
        return ToolResults.attempt(session, "pauseCampaign", () -> {
            CampaignView c = campaigns.pause(byName(campaignName).id(), session.actor());
            return "Campaign \"" + c.name() + "\" is now " + c.status().label() + ".";
        });
    }

    @Tool("Asks the user to confirm resuming a paused campaign (a card with Confirm). Nothing resumes until they press it.")
    public String resumeCampaign(@P("the campaign name") String campaignName) {
        return ToolResults.attempt(session, "resumeCampaign", () -> {
            CampaignView campaign = byName(campaignName);
            AgentOutput.Confirmation card = confirmations.requestResume(session.actor(), campaign.id(), session.zone());
            session.show(card);
            return "A confirmation card to resume \"" + campaign.name() + "\" is shown. NOTHING has resumed yet.";
        });
    }

    @Tool("""
            Asks the user to confirm CANCELLING a campaign for good (it cannot be restarted): shows a card with a Confirm button.
            Nothing is cancelled until the user presses Confirm themselves. To stop sending at once, pause it instead.""")
    public String cancelCampaign(@P("the campaign name") String campaignName) {
        return ToolResults.attempt(session, "cancelCampaign", () -> {
            CampaignView campaign = byName(campaignName);
            AgentOutput.Confirmation card = confirmations.requestCancel(session.actor(), campaign.id(), session.zone());
            session.show(card);
            return "A card to cancel \"" + campaign.name() + "\" is shown. NOTHING is cancelled until the user presses Confirm on it.";
        });
    }

    @Tool("Lists the most recent campaigns with their status.")
    public String listCampaigns() {
        return ToolResults.attempt(session, "listCampaigns", () -> {
            List<CampaignView> recent = campaigns.list(null, PageRequest.of(0, 15)).getContent();
            session.show(new AgentOutput.Campaigns(recent));
            if (recent.isEmpty()) {
                return "There are no campaigns yet.";
            }
            return ToolResults.DATA_CAMPAIGNS + recent.stream().map(c -> "- " + c.name() + ": " + c.status().label()
                    + (c.awaitingApproval() ? ", awaiting approval" : "")
                    + (c.scheduledAt() == null ? "" : (c.awaitingApproval() ? ", asked for " : ", scheduled ") + c.scheduledAt()))
                    .collect(Collectors.joining("\n"));
        });
    }

    @Tool("Reports a campaign's numbers: sent (accepted), delivered, hard and soft bounces, replies, auto-replies, failed, "
            + "human opens, clicks, unsubscribes and rates.")
    public String reportStats(@P("the campaign name") String campaignName) {
        return ToolResults.attempt(session, "reportStats", () -> {
            CampaignStats s = stats.read(byName(campaignName).id());
            session.show(new AgentOutput.Stats(s));
            return "\"" + s.campaign().name() + "\" (" + s.campaign().status().label() + "): " + s.recipients() + " recipients, "
                    + s.sent() + " sent, " + s.failed() + " failed, " + s.skipped() + " skipped, " + s.pending() + " waiting; "
                    + s.humanOpens() + " opened (" + percent(s.openRate()) + "), " + s.clicks() + " clicked (" + percent(s.clickRate())
                    + "), " + s.unsubscribes() + " unsubscribed; " + s.machineOpens() + " opens only by machines (not counted); "
                    + s.deliverability().delivered() + " delivered (" + s.deliverability().hardBounces() + " hard and "
                    + s.deliverability().softBounces() + " soft bounces, " + percent(s.deliverability().bounceRate()) + "), "
                    + s.deliverability().replies() + " replies, " + s.deliverability().autoReplies() + " auto-replies.";
        });
    }

    CampaignView byName(String name) {
        String wanted = name == null ? "" : name.strip();
        try {
            return campaigns.getByName(wanted);
        } catch (NotFoundException e) {
            if (wanted.matches("#?\\d+")) {
                return campaigns.get(Long.parseLong(wanted.replace("#", "")));
            }
            String known = campaigns.list(null, PageRequest.of(0, 10)).stream().map(CampaignView::name)
                    .collect(Collectors.joining(", "));
            throw new NotFoundException("Campaign", "\"" + wanted + "\"" + (known.isEmpty() ? "" : " (recent: " + known + ")"));
        }
    }

    static String percent(double rate) {
        return Math.round(rate * 1000) / 10.0 + "%";
    }
}
