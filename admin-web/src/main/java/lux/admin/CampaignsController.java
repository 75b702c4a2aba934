package lux.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import lux.audit.Actor;
import lux.audit.Channel;
import lux.campaigns.CampaignAudiences;
import lux.campaigns.CampaignChanges;
import lux.campaigns.CampaignService;
import lux.campaigns.CampaignStatus;
import lux.campaigns.CampaignView;
import lux.campaigns.SchedulePlanner;
import lux.preflight.PreflightService;
import lux.campaigns.RecipientStatus;
import lux.campaigns.Resend;
import lux.campaigns.ResendService;
import lux.campaigns.SendApprovalService;
import lux.campaigns.Senders;
import lux.segments.SegmentService;
import lux.shared.NotFoundException;
import lux.stats.CampaignStats;
import lux.stats.StatsService;
import lux.templates.TemplateService;
import org.springframework.data.domain.PageRequest;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Campaign list and detail (status, progress, estimated finish, numbers) with pause,
 * resume and cancel.
 */
@Controller
@RequestMapping("/admin/campaigns")
class CampaignsController {

    private final CampaignService campaigns;

    private final TemplateService templates;

    private final StatsService stats;

    private final ObjectMapper json;

    private final SchedulePlanner planner;

    private final SendApprovalService approvals;

    private final Senders senders;

    private final PreflightService preflight;

    private final ResendService resends;

    private final CampaignAudiences audiences;

    private final SegmentService segments;

    CampaignsController(CampaignService campaigns, TemplateService templates, StatsService stats, ObjectMapper json,
            SchedulePlanner planner, SendApprovalService approvals, Senders senders, PreflightService preflight,
            ResendService resends, CampaignAudiences audiences, SegmentService segments) {
        this.preflight = preflight;
        this.segments = segments;
        this.resends = resends;
        this.audiences = audiences;
        this.senders = senders;
        this.approvals = approvals;
        this.campaigns = campaigns;
        this.templates = templates;
        this.stats = stats;
        this.json = json;
        this.planner = planner;
    }

    @GetMapping
    String list(@RequestParam(required = false) CampaignStatus status, @RequestParam(defaultValue = "0") int page,
            Model model) {
        model.addAttribute("campaigns", campaigns.list(status, PageRequest.of(Math.max(0, page), 25)));
        model.addAttribute("status", status);
        model.addAttribute("statuses", CampaignStatus.values());
        model.addAttribute("awaitingApproval", approvals.pending());
        return "admin/campaigns";
    }

    @GetMapping("/{id}")
    String detail(@PathVariable long id, @AuthenticationPrincipal ConsoleUser me, Model model)
            throws JsonProcessingException {
        CampaignView campaign = campaigns.get(id);
        CampaignStats numbers = stats.campaign(id);
        model.addAttribute("stats", numbers);
        model.addAttribute("timelineChart", json.writeValueAsString(Charts.timeline(numbers.timeline())));
        model.addAttribute("campaign", campaign);
        model.addAttribute("recipients", campaigns.recipientCounts(id));
        model.addAttribute("progress", CampaignProgress.of(campaign, planner.estimatedFinish(campaign)));
        model.addAttribute("templateName", templateName(campaign.templateId()));
        model.addAttribute("sender",
                campaign.sender() != null ? campaign.sender() : String.join(", ", senders.defaults()) + " (default)");
        model.addAttribute("canPause", campaign.status().canBecome(CampaignStatus.PAUSED));
        model.addAttribute("canResume", campaign.status() == CampaignStatus.PAUSED);
        model.addAttribute("canCancel", campaign.status().canBecome(CampaignStatus.CANCELLED));
        if (campaign.status().canBecome(CampaignStatus.SCHEDULED) && !campaign.awaitingApproval()) {
            model.addAttribute("preflight", preflight.check(campaign)); // before
                                                                        // scheduling:
                                                                        // what would stop
                                                                        // it
        }
        model.addAttribute("live", CampaignProgressController.live(campaign.status()));
        model.addAttribute("audienceText", audiences.describe(id));
        if (campaign.status() == CampaignStatus.DRAFT) {
            model.addAttribute("segments", segments.list());
            model.addAttribute("segmentId", campaigns.segmentOf(id));
        }
        model.addAttribute("canResend", campaigns.recipientCounts(id).get(RecipientStatus.SENT) > 0);
        if (campaign.awaitingApproval()) {
            Actor viewer = me.actor(Channel.CONSOLE);
            model.addAttribute("approvalBlocker", approvals.whyNot(campaign, viewer).orElse(null));
            model.addAttribute("canWithdraw",
                    viewer.userId() != null && viewer.userId().equals(campaign.approval().requestedById()));
        }
        return "admin/campaign";
    }

    @PostMapping("/{id}/{action:pause|resume|cancel}")
    String act(@PathVariable long id, @PathVariable String action, @AuthenticationPrincipal ConsoleUser me,
            RedirectAttributes flash) {
        return Flash.run(flash, "/admin/campaigns/" + id, () -> {
            CampaignView c = switch (action) {
                case "pause" -> campaigns.pause(id, me.actor(Channel.CONSOLE));
                case "resume" -> campaigns.resume(id, me.actor(Channel.CONSOLE));
                default -> campaigns.cancel(id, me.actor(Channel.CONSOLE));
            };
            return "Campaign \"" + c.name() + "\" is now " + c.status().label() + ".";
        });
    }

    /** A draft's audience: a saved segment, or (no segment chosen) its tags again. */
    @PostMapping("/{id}/audience")
    String audience(@PathVariable long id, @RequestParam(required = false) Long segmentId,
            @AuthenticationPrincipal ConsoleUser me, RedirectAttributes flash) {
        return Flash.run(flash, "/admin/campaigns/" + id, () -> {
            CampaignView current = campaigns.get(id);
            campaigns.update(id,
                    segmentId == null ? new CampaignChanges(null, null, null, current.audience(), null)
                            : new CampaignChanges(null, null, null, null, segmentId),
                    me.actor(Channel.CONSOLE), me.role());
            return "Audience of \"" + current.name() + "\": " + audiences.describe(id) + ".";
        });
    }

    /**
     * A linked campaign for the recipients without a human open (optionally without a
     * click), as a draft to schedule.
     */
    @PostMapping("/{id}/resend")
    String resend(@PathVariable long id, @RequestParam(required = false) String subject,
            @RequestParam(defaultValue = "false") boolean excludeClickers, @AuthenticationPrincipal ConsoleUser me,
            RedirectAttributes flash) {
        String[] target = { "/admin/campaigns/" + id };
        Flash.run(flash, target[0], () -> {
            CampaignView draft = resends.resendToNonOpeners(id, Resend.draft(subject, excludeClickers),
                    me.actor(Channel.CONSOLE));
            target[0] = "/admin/campaigns/" + draft.id();
            return "Draft \"" + draft.name() + "\" created for " + audiences.count(draft.id())
                    + " non-openers; schedule it to send.";
        });
        return "redirect:" + target[0]; // the new draft, or back to the original with the
                                        // error
    }

    /**
     * A second person's decision on a requested send (send approval on), or the requester
     * taking it back.
     */
    @PostMapping("/{id}/{action:approve|reject|withdraw}")
    String decide(@PathVariable long id, @PathVariable String action, @RequestParam(required = false) String reason,
            @AuthenticationPrincipal ConsoleUser me, RedirectAttributes flash) {
        return Flash.run(flash, "/admin/campaigns/" + id, () -> switch (action) {
            case "approve" -> {
                CampaignView c = approvals.approve(id, me.actor(Channel.CONSOLE));
                yield "Approved: \"" + c.name() + "\" is scheduled for " + c.scheduledAt() + ".";
            }
            case "reject" -> "Rejected \"" + approvals.reject(id, reason, me.actor(Channel.CONSOLE)).name()
                    + "\"; the requester is told why.";
            default -> "Approval request for \"" + campaigns.unschedule(id, me.actor(Channel.CONSOLE)).name()
                    + "\" withdrawn.";
        });
    }

    private String templateName(long templateId) {
        try {
            return templates.get(templateId).name();
        }
        catch (NotFoundException e) {
            return "template " + templateId + " (deleted)";
        }
    }

}
