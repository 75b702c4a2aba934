package lux.api;

import java.net.URI;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Map;
import lux.admin.ConsoleUser;
import lux.audit.Channel;
import lux.campaigns.CampaignAudiences;
import lux.campaigns.CampaignChanges;
import lux.besttime.BestTimeService;
import lux.campaigns.CampaignService;
import lux.campaigns.CampaignStatus;
import lux.campaigns.CampaignView;
import lux.campaigns.NewCampaign;
import lux.campaigns.RecipientStatus;
import lux.campaigns.SchedulePlan;
import lux.campaigns.SchedulePlanner;
import lux.campaigns.Resend;
import lux.campaigns.ResendService;
import lux.campaigns.SendApprovalService;
import lux.contacts.AudienceFilter;
import lux.shared.InvalidInputException;
import lux.stats.StatsService;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Campaigns: create, edit drafts, schedule, pause, resume, cancel, and their numbers. */
@RestController
@RequestMapping("/api/v1/campaigns")
class CampaignsApi {

    private final CampaignService campaigns;

    private final StatsService stats;

    private final SendApprovalService approvals;

    private final SchedulePlanner planner;

    private final ResendService resends;

    private final CampaignAudiences audiences;

    private final BestTimeService bestTime;

    CampaignsApi(CampaignService campaigns, StatsService stats, SendApprovalService approvals, SchedulePlanner planner,
            ResendService resends, CampaignAudiences audiences, BestTimeService bestTime) {
        this.bestTime = bestTime;
        this.planner = planner;
        this.resends = resends;
        this.audiences = audiences;
        this.campaigns = campaigns;
        this.stats = stats;
        this.approvals = approvals;
    }

    @GetMapping
    PageResponse<CampaignView> list(@RequestParam(required = false) CampaignStatus status,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        return PageResponse.of(campaigns.list(status, PageResponse.request(page, size)), c -> c);
    }

    @PostMapping
    ResponseEntity<CampaignView> create(@RequestBody CampaignRequest body, @AuthenticationPrincipal ConsoleUser user) {
        if (body.templateId() == null) {
            throw new InvalidInputException("templateId", "Choose the template the campaign sends (templateId).");
        }
        CampaignView created = campaigns.create(
                new NewCampaign(body.name(), body.templateId(), body.sender(), body.audience(), body.segmentId()),
                user.actor(Channel.API), user.role()); // the token's own role, not its
                                                       // creator's
        return ResponseEntity.created(URI.create("/api/v1/campaigns/" + created.id())).body(created);
    }

    @GetMapping("/{id}")
    CampaignView get(@PathVariable long id) {
        return campaigns.get(id);
    }

    @PatchMapping("/{id}")
    CampaignView update(@PathVariable long id, @RequestBody CampaignRequest body,
            @AuthenticationPrincipal ConsoleUser user) {
        return campaigns.update(id,
                new CampaignChanges(body.name(), body.templateId(), body.sender(), body.audience(), body.segmentId()),
                user.actor(Channel.API), user.role());
    }

    /**
     * Campaigns whose send waits for a second person (send approval on), oldest request
     * first.
     */
    @GetMapping("/pending-approval")
    PageResponse<CampaignView> pendingApproval(@RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        return PageResponse.ofList(approvals.pending(), PageResponse.request(page, size));
    }

    /**
     * A second person approves a requested send: the campaign becomes scheduled (403 for
     * the requester).
     */
    @PostMapping("/{id}/approve")
    CampaignView approve(@PathVariable long id, @AuthenticationPrincipal ConsoleUser user) {
        return approvals.approve(id, user.actor(Channel.API));
    }

    /**
     * A second person rejects a requested send; {@code reason} is passed on to the
     * requester.
     */
    @PostMapping("/{id}/reject")
    CampaignView reject(@PathVariable long id, @RequestBody(required = false) RejectRequest body,
            @AuthenticationPrincipal ConsoleUser user) {
        return approvals.reject(id, body == null ? null : body.reason(), user.actor(Channel.API));
    }

    /**
     * {@code at} is a wall-clock time in {@code zone} (default UTC); without {@code at}
     * the campaign is due now.
     */
    @PostMapping("/{id}/schedule")
    CampaignView schedule(@PathVariable long id, @RequestBody(required = false) ScheduleRequest body,
            @AuthenticationPrincipal ConsoleUser user) {
        ScheduleRequest request = body == null ? new ScheduleRequest(null, null, null) : body;
        if (request.bestTime() != null) {
            bestTime.choose(id, request.bestTime(), user.actor(Channel.API));
        }
        return campaigns.schedule(id, request.at(), request.zoneId(), user.actor(Channel.API));
    }

    /**
     * What {@code /schedule} with the same body would do, changing nothing: audience,
     * checks and estimated finish.
     */
    @PostMapping("/{id}/plan")
    SchedulePlan plan(@PathVariable long id, @RequestBody(required = false) ScheduleRequest body) {
        ScheduleRequest request = body == null ? new ScheduleRequest(null, null, null) : body;
        return planner.plan(id, request.at(), request.zoneId());
    }

    @PostMapping("/{id}/unschedule")
    CampaignView unschedule(@PathVariable long id, @AuthenticationPrincipal ConsoleUser user) {
        return campaigns.unschedule(id, user.actor(Channel.API));
    }

    @PostMapping("/{id}/pause")
    CampaignView pause(@PathVariable long id, @AuthenticationPrincipal ConsoleUser user) {
        return campaigns.pause(id, user.actor(Channel.API));
    }

    @PostMapping("/{id}/resume")
    CampaignView resume(@PathVariable long id, @AuthenticationPrincipal ConsoleUser user) {
        return campaigns.resume(id, user.actor(Channel.API));
    }

    @PostMapping("/{id}/cancel")
    CampaignView cancel(@PathVariable long id, @AuthenticationPrincipal ConsoleUser user) {
        return campaigns.cancel(id, user.actor(Channel.API));
    }

    @GetMapping("/{id}/stats")
    CampaignStats stats(@PathVariable long id) {
        CampaignView campaign = campaigns.get(id);
        return new CampaignStats(campaign.id(), campaign.status(), campaigns.recipientCounts(id), stats.campaign(id));
    }

    /**
     * A new campaign linked to {@code id} for its recipients without a human open (and
     * without a click when {@code excludeClickers}), under a new {@code subject} if
     * given; scheduled for {@code sendAt} in {@code zone} when given, otherwise a draft.
     */
    @PostMapping("/{id}/resend")
    ResponseEntity<CampaignView> resend(@PathVariable long id, @RequestBody(required = false) ResendRequest body,
            @AuthenticationPrincipal ConsoleUser user) {
        ResendRequest request = body == null ? new ResendRequest(null, false, null, null) : body;
        CampaignView created = resends.resendToNonOpeners(id,
                new Resend(request.subject(), request.excludeClickers(), request.sendAt(), request.zoneId()),
                user.actor(Channel.API));
        return ResponseEntity.created(URI.create("/api/v1/campaigns/" + created.id())).body(created);
    }

    /**
     * Where the audience comes from: a segment, a resend of an earlier campaign, or the
     * tags; and how many it reaches now.
     */
    @GetMapping("/{id}/audience")
    AudienceInfo audience(@PathVariable long id) {
        return new AudienceInfo(campaigns.segmentOf(id), audiences.describe(id), audiences.count(id));
    }

    record CampaignRequest(String name, Long templateId, String sender, AudienceFilter audience, Long segmentId) {
    }

    record ResendRequest(String subject, boolean excludeClickers, LocalDateTime sendAt, String zone) {
        ZoneId zoneId() {
            return new ScheduleRequest(null, zone, null).zoneId();
        }
    }

    record AudienceInfo(Long segmentId, String description, long count) {
    }

    record RejectRequest(String reason) {
    }

    /**
     * {@code bestTime}: true sends at each contact's best time within 24 hours of
     * {@code at}, false at {@code at} itself; absent keeps the campaign's choice.
     */
    record ScheduleRequest(LocalDateTime at, String zone, Boolean bestTime) {
        ZoneId zoneId() {
            try {
                return zone == null || zone.isBlank() ? null : ZoneId.of(zone.trim());
            }
            catch (java.time.DateTimeException e) {
                throw new InvalidInputException("zone",
                        "'" + zone + "' is not a time zone; use a name like Europe/Berlin.");
            }
        }
    }

    /**
     * Recipients per delivery status (the rows are the truth), and engagement: rates,
     * people vs machines, links, hours.
     */
    record CampaignStats(long campaignId, CampaignStatus status, Map<RecipientStatus, Long> recipients,
            lux.stats.CampaignStats engagement) {
    }

}
