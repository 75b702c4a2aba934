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
import lux.campaigns.CampaignAudiences;
import lux.campaigns.CampaignView;
import lux.campaigns.ConfirmedSends;
import lux.campaigns.PlanCheck;
import lux.campaigns.Senders;
import lux.suppression.SuppressionService;
import lux.templates.TemplateContent;
import lux.templates.TemplateService;
import lux.templates.TemplateView;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Makes a Confirm card about a campaign: a random one-time nonce, stored hashed with its
 * expiry and the fingerprint of what the campaign would send, and the card's content.
 */
@Component
class ConfirmationIssuer {

    private final JdbcTemplate jdbc;

    private final TemplateService templates;

    private final CampaignAudiences audiences;

    private final ConfirmedSends confirmed;

    private final Senders senders;

    private final AgentProperties properties;

    private final Clock clock;

    private final SecureRandom random = new SecureRandom();

    ConfirmationIssuer(JdbcTemplate jdbc, TemplateService templates, CampaignAudiences audiences,
            ConfirmedSends confirmed, Senders senders, AgentProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.templates = templates;
        this.audiences = audiences;
        this.confirmed = confirmed;
        this.senders = senders;
        this.properties = properties;
        this.clock = clock;
    }

    AgentOutput.Confirmation issue(Actor actor, ConfirmationKind kind, CampaignView campaign, LocalDateTime localTime,
            ZoneId zone, ZonedDateTime when, String note, long audience, Instant finish, List<PlanCheck> warnings,
            List<PlanCheck> blocking) {
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
                audiences.describe(campaign.id()), audience, when, finish, expires, from, note, warnings, blocking);
    }

    /**
     * The time a card's fingerprint covers: the one asked for (scheduling) or the
     * campaign's own.
     */
    static String boundTime(ConfirmationKind kind, String localTime, String zone, CampaignView campaign) {
        if (kind == ConfirmationKind.SCHEDULE) {
            return (localTime == null ? "now" : localTime) + " " + zone;
        }
        return campaign.scheduledAt() == null ? null : campaign.scheduledAt().toString();
    }

}
