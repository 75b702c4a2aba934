package lux.agent.tools;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Base64;
import java.util.List;
import lux.agent.AgentOutput;
import lux.agent.AgentProperties;
import lux.agent.ConfirmationKind;
import lux.audit.Actor;
import lux.audit.AuditService;
import lux.campaigns.CampaignService;
import lux.campaigns.CampaignStatus;
import lux.campaigns.CampaignView;
import lux.campaigns.ConfirmedSends;
import lux.campaigns.PlanCheck;
import lux.campaigns.SchedulePlan;
import lux.campaigns.SchedulePlanner;
import lux.campaigns.Senders;
import lux.campaigns.SendApprovalService;
import lux.campaigns.CampaignAudiences;
import lux.shared.ConflictException;
import lux.shared.InvalidInputException;
import lux.suppression.SuppressionService;
import lux.templates.TemplateContent;
import lux.templates.TemplateService;
import lux.templates.TemplateView;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The confirmation gate. Tools may only <em>request</em> an action that sends or
 * schedules mail, or one that cannot be undone (cancel, reject); it happens when the same
 * user presses Confirm on the card, which carries a random one-time nonce. The nonce is
 * stored hashed, expires, is spent once, and is never given to the model, so nothing the
 * model writes can press Confirm. A card is bound to the campaign's version and a
 * fingerprint of what it would send: if that changed since the card was made, Confirm
 * does nothing and says so ({@link ConfirmationWithdrawals} also withdraws it).
 */
@Service
public class ConfirmationService {

    private final JdbcTemplate jdbc;

    private final CampaignService campaigns;

    private final CampaignAudiences audiences;

    private final TemplateService templates;

    private final AuditService audit;

    private final AgentProperties properties;

    private final Clock clock;

    private final SendApprovalService approvals;

    private final ConfirmedSends confirmed;

    private final Senders senders;

    private final SchedulePlanner planner;

    private final SecureRandom random = new SecureRandom();

    ConfirmationService(JdbcTemplate jdbc, CampaignService campaigns, CampaignAudiences audiences,
            TemplateService templates, AuditService audit, AgentProperties properties, Clock clock,
            SendApprovalService approvals, ConfirmedSends confirmed, Senders senders, SchedulePlanner planner) {
        this.planner = planner;
        this.confirmed = confirmed;
        this.senders = senders;
        this.approvals = approvals;
        this.jdbc = jdbc;
        this.campaigns = campaigns;
        this.audiences = audiences;
        this.templates = templates;
        this.audit = audit;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * The schedule plan's checks refuse (status, time, audience); otherwise the card
     * shows the plan, with a fresh nonce.
     */
    @Transactional
    public AgentOutput.Confirmation requestSchedule(Actor actor, long campaignId, LocalDateTime localTime,
            ZoneId zone) {
        SchedulePlan plan = planner.plan(campaignId, localTime, zone).requireSendable();
        return request(actor, ConfirmationKind.SCHEDULE, plan.campaign(), localTime, zone, plan.when(), null,
                plan.audienceCount(), plan.estimatedFinish(), plan.warnings());
    }

    @Transactional
    public AgentOutput.Confirmation requestResume(Actor actor, long campaignId, ZoneId zone) {
        CampaignView campaign = campaigns.get(campaignId);
        if (campaign.status() != CampaignStatus.PAUSED) {
            throw new ConflictException(
                    "Campaign \"" + campaign.name() + "\" is " + campaign.status().label() + ", not paused.");
        }
        ZonedDateTime when = campaign.scheduledAt() != null && campaign.scheduledAt().isAfter(clock.instant())
                ? campaign.scheduledAt().atZone(zone) : ZonedDateTime.ofInstant(clock.instant(), zone);
        return request(actor, ConfirmationKind.RESUME, campaign, null, zone, when, null);
    }

    /**
     * A second person approving a requested send (send approval on) confirms on a card
     * like the requester did.
     */
    @Transactional
    public AgentOutput.Confirmation requestApproval(Actor actor, long campaignId, ZoneId zone) {
        CampaignView campaign = campaigns.get(campaignId);
        approvals.requireMayDecide(campaign, actor, "approve");
        Instant now = clock.instant();
        ZonedDateTime when = (campaign.scheduledAt() == null || campaign.scheduledAt().isBefore(now) ? now
                : campaign.scheduledAt())
            .atZone(zone);
        return request(actor, ConfirmationKind.APPROVE, campaign, null, zone, when, null);
    }

    /**
     * Cancelling cannot be undone, so the model only asks; the person confirms on a card.
     */
    @Transactional
    public AgentOutput.Confirmation requestCancel(Actor actor, long campaignId, ZoneId zone) {
        CampaignView campaign = campaigns.get(campaignId);
        if (!campaign.status().canBecome(CampaignStatus.CANCELLED)) {
            throw new ConflictException("Campaign \"" + campaign.name() + "\" is " + campaign.status().label()
                    + " and cannot be cancelled.");
        }
        return request(actor, ConfirmationKind.CANCEL, campaign, null, zone,
                ZonedDateTime.ofInstant(clock.instant(), zone), null);
    }

    /**
     * Rejecting another person's send tells them no for good; the approver confirms it on
     * a card.
     */
    @Transactional
    public AgentOutput.Confirmation requestReject(Actor actor, long campaignId, String reason, ZoneId zone) {
        CampaignView campaign = campaigns.get(campaignId);
        approvals.requireMayDecide(campaign, actor, "reject");
        String note = reason == null || reason.isBlank() ? null : reason.strip();
        if (note != null && note.length() > 1000) {
            throw new InvalidInputException("reason", "Keep the reason under 1,000 characters.");
        }
        return request(actor, ConfirmationKind.REJECT, campaign, null, zone,
                ZonedDateTime.ofInstant(clock.instant(), zone), note);
    }

    /**
     * Resume, approve, cancel, reject: the audience as it stands, the finish from the
     * schedule planner's one estimator.
     */
    private AgentOutput.Confirmation request(Actor actor, ConfirmationKind kind, CampaignView campaign,
            LocalDateTime localTime, ZoneId zone, ZonedDateTime when, String note) {
        boolean started = kind == ConfirmationKind.RESUME
                || (kind == ConfirmationKind.CANCEL && campaign.startedAt() != null);
        long audience = started ? campaign.remaining() : audiences.count(campaign.id());
        if (kind == ConfirmationKind.APPROVE && audience == 0) {
            throw new InvalidInputException("audience", "Campaign \"" + campaign.name()
                    + "\" would reach nobody: there are no " + audiences.describe(campaign.id()) + ".");
        }
        Instant now = clock.instant();
        Instant start = when.toInstant().isBefore(now) ? now : when.toInstant();
        return request(actor, kind, campaign, localTime, zone, when, note, audience,
                planner.finish(campaign, audience, start), List.of());
    }

    private AgentOutput.Confirmation request(Actor actor, ConfirmationKind kind, CampaignView campaign,
            LocalDateTime localTime, ZoneId zone, ZonedDateTime when, String note, long audience, Instant finish,
            List<PlanCheck> warnings) {
        TemplateView template = templates.get(campaign.templateId());
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        String nonce = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = clock.instant();
        Instant expires = now.plus(properties.confirmationTtl());
        String local = localTime == null ? null : localTime.toString();
        ConfirmedSends.Binding binding = confirmed.binding(campaign.id(),
                boundTime(kind, local, zone.getId(), campaign));
        jdbc.update(
                "INSERT INTO agent_confirmation (nonce_hash, user_id, kind, campaign_id, local_time, zone, expires_at, created_at, "
                        + "campaign_version, content_hash, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                SuppressionService.hash(nonce), actor.userId(), kind.name(), campaign.id(), local, zone.getId(),
                Timestamp.from(expires), Timestamp.from(now), binding.version(), binding.hash(), note);
        TemplateContent content = confirmed.sendContent(campaign.id());
        String from = campaign.sender() != null ? campaign.sender()
                : String.join(", ", senders.defaults()) + " (default)";
        return new AgentOutput.Confirmation(nonce, kind, campaign, template.name(), content.subject(),
                audiences.describe(campaign.id()), audience, when, finish, expires, from, note, warnings);
    }

    /**
     * The time a card's fingerprint covers: the one asked for (scheduling) or the
     * campaign's own.
     */
    private static String boundTime(ConfirmationKind kind, String localTime, String zone, CampaignView campaign) {
        if (kind == ConfirmationKind.SCHEDULE) {
            return (localTime == null ? "now" : localTime) + " " + zone;
        }
        return campaign.scheduledAt() == null ? null : campaign.scheduledAt().toString();
    }

    /** Presses Confirm: only the user the card was made for, once, before it expires. */
    @Transactional
    public CampaignView confirm(String nonce, Actor actor) {
        Pending row = spend(nonce, actor, "CONFIRMED");
        requireAboutACampaign(row);
        long campaignId = row.campaignId();
        ConfirmationKind kind = row.kind();
        if (kind.boundToContent() && row.contentHash() != null) {
            CampaignView campaign = campaigns.get(campaignId);
            String now = confirmed.binding(campaignId, boundTime(kind, row.localTime(), row.zone(), campaign)).hash();
            if (!now.equals(row.contentHash())) {
                // rolls the spend back too: the card keeps refusing until the campaign is
                // again exactly what it showed
                throw new ConflictException("\"" + campaign.name()
                        + "\" changed after this card was made (its template, audience or "
                        + "sender is not what the card showed). Nothing was done. Ask LUX again to see it as it is now.");
            }
        }
        audit.record(actor, "campaign.confirm", "campaign", campaignId, kind.name());
        switch (kind) {
            case RESUME -> {
                return campaigns.resume(campaignId, actor);
            }
            case APPROVE -> {
                return approvals.approve(campaignId, actor);
            }
            case CANCEL -> {
                return campaigns.cancel(campaignId, actor);
            }
            case REJECT -> {
                return approvals.reject(campaignId, row.note(), actor);
            }
            default -> {
                // SCHEDULE, below
            }
        }
        return campaigns.schedule(campaignId, row.localTime() == null ? null : LocalDateTime.parse(row.localTime()),
                ZoneId.of(row.zone()), actor);
    }

    /**
     * Presses Cancel: the card stops working; nothing else changes. Returns the campaign
     * it was about.
     */
    @Transactional
    public CampaignView decline(String nonce, Actor actor) {
        Pending row = spend(nonce, actor, "DECLINED");
        requireAboutACampaign(row);
        return campaigns.get(row.campaignId());
    }

    /**
     * A card about contacts is pressed through ContactDeletions; here it refuses (and the
     * spend rolls back).
     */
    private static void requireAboutACampaign(Pending row) {
        if (row.kind().aboutContacts()) {
            throw new ConflictException("This card is about contacts, not a campaign. Nothing was done.");
        }
        if (row.kind().aboutJourney()) {
            throw new ConflictException("This card is about a journey, not a campaign. Nothing was done.");
        }
    }

    /**
     * A card's row; {@code target} and {@code targetCount} name the contacts of a card
     * about contacts.
     */
    record Pending(long userId, ConfirmationKind kind, long campaignId, String localTime, String zone,
            Instant expiresAt, boolean used, String outcome, String contentHash, String note, String target,
            long targetCount) {
    }

    /**
     * Spends a card's nonce for this actor (once, unexpired), or refuses saying why;
     * package-private for ContactDeletions.
     */
    Pending spend(String nonce, Actor actor, String outcome) {
        if (nonce == null || nonce.isBlank()) {
            throw new InvalidInputException("nonce", "This button has no confirmation attached. Ask LUX again.");
        }
        String hash = SuppressionService.hash(nonce);
        List<Pending> rows = jdbc.query(
                "SELECT user_id, kind, campaign_id, local_time, zone, expires_at, used_at, outcome, content_hash, note, target, target_count "
                        + "FROM agent_confirmation WHERE nonce_hash = ?",
                (rs, i) -> new Pending(rs.getLong("user_id"), ConfirmationKind.valueOf(rs.getString("kind")),
                        rs.getLong("campaign_id"), rs.getString("local_time"), rs.getString("zone"),
                        rs.getTimestamp("expires_at").toInstant(), rs.getTimestamp("used_at") != null,
                        rs.getString("outcome"), rs.getString("content_hash"), rs.getString("note"),
                        rs.getString("target"), rs.getLong("target_count")),
                hash);
        if (rows.isEmpty()) {
            throw new InvalidInputException("nonce", "This confirmation is unknown. Ask LUX again to get a new card.");
        }
        Pending row = rows.get(0);
        if (actor.userId() == null || row.userId() != actor.userId()) {
            throw new InvalidInputException("nonce", "This card was made for someone else; only they can confirm it.");
        }
        if (row.used() && ConfirmationWithdrawals.WITHDRAWN.equals(row.outcome())) {
            throw new ConflictException(
                    "This card was withdrawn: the campaign changed after it was made. Nothing was done. "
                            + "Ask LUX again to see it as it is now.");
        }
        if (row.used()) {
            throw new ConflictException("This card was already used. Nothing more was done.");
        }
        if (!row.expiresAt().isAfter(clock.instant())) {
            throw new InvalidInputException("nonce",
                    "This confirmation has expired. Ask LUX again to get a fresh card.");
        }
        int spent = jdbc.update(
                "UPDATE agent_confirmation SET used_at = ?, outcome = ? WHERE nonce_hash = ? AND used_at IS NULL",
                Timestamp.from(clock.instant()), outcome, hash);
        if (spent != 1) {
            throw new ConflictException("This card was already used. Nothing more was done.");
        }
        return row;
    }

}
