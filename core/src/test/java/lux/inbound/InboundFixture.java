package lux.inbound;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import lux.audit.Actor;
import lux.campaigns.CampaignService;
import lux.campaigns.NewCampaign;
import lux.contacts.AudienceFilter;
import lux.contacts.ContactService;
import lux.contacts.NewContact;
import lux.templates.TemplateContent;
import lux.templates.TemplateService;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A campaign in the middle of sending whose recipients (contacts too) Exchange has
 * accepted.
 */
public final class InboundFixture {

    /** The campaign and its recipient ids by address. */
    public record Sent(long campaignId, Map<String, Long> recipients) {
        public long id(String email) {
            return recipients.get(email);
        }
    }

    private InboundFixture() {
    }

    public static Sent sending(TemplateService templates, ContactService contacts, CampaignService campaigns,
            JdbcTemplate jdbc, String name, Long ownerId, List<String> emails) {
        long template = templates
            .create(new TemplateContent(name + " template", "Hi", "<p>Hi</p>", null), Actor.system())
            .id();
        for (String email : emails) {
            contacts.create(new NewContact(email, "First", null, null, Map.of(), Set.of("inbound-test"), "test"),
                    Actor.system());
        }
        long campaign = campaigns
            .create(new NewCampaign(name, template, null,
                    new AudienceFilter(Set.of("inbound-test"), Set.of(), Set.of())), Actor.system())
            .id();
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.update(
                "UPDATE campaign SET status = 'SENDING', started_at = ?, created_by = ?, recipients_total = ?, sent_count = ? WHERE id = ?",
                now, ownerId, emails.size(), emails.size(), campaign);
        Map<String, Long> ids = new LinkedHashMap<>();
        for (String email : emails) {
            jdbc.update(
                    "INSERT INTO campaign_recipient (campaign_id, contact_id, email, status, sent_at, created_at) "
                            + "VALUES (?, (SELECT id FROM contact WHERE email = ?), ?, 'SENT', ?, ?)",
                    campaign, email, email, now, now);
            long id = jdbc.queryForObject("SELECT id FROM campaign_recipient WHERE campaign_id = ? AND email = ?",
                    Long.class, campaign, email);
            jdbc.update("UPDATE campaign_recipient SET lux_message_id = ? WHERE id = ?", "lux-c" + campaign + "-r" + id,
                    id);
            ids.put(email, id);
        }
        return new Sent(campaign, ids);
    }

}
