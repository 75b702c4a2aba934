package lux.journeys;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import lux.contacts.ContactStatus;
import lux.contacts.ContactView;
import lux.templates.TemplateContent;
import lux.templates.TemplateModel;
import lux.templates.TemplateService;
import lux.tracking.ComposedMessage;
import lux.tracking.TrackingComposer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * A journey mail as campaign mail is written: the content frozen in the step's campaign,
 * rendered for the contact, with the open pixel, tracked links and unsubscribe link of
 * its recipient row.
 */
@Component
class StepMail {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TemplateService templates;

    private final TrackingComposer composer;

    private final JdbcTemplate jdbc;

    /** Frozen content never changes, so each campaign's is read once. */
    private final Map<Long, TemplateContent> contents = new ConcurrentHashMap<>();

    StepMail(TemplateService templates, TrackingComposer composer, JdbcTemplate jdbc) {
        this.templates = templates;
        this.composer = composer;
        this.jdbc = jdbc;
    }

    ComposedMessage compose(long campaignId, long recipientId, ContactView contact) {
        TemplateContent content = contents.computeIfAbsent(campaignId, this::frozen);
        Map<String, Object> model = TemplateModel.forContact(contact);
        String unsubscribe = composer.unsubscribeUrl(campaignId, recipientId);
        model.put("unsubscribe_url", unsubscribe);
        return composer.compose(campaignId, recipientId, templates.renderForSending(content, model), unsubscribe,
                contact.attributes().get("language"));
    }

    private TemplateContent frozen(long campaignId) {
        return jdbc.queryForObject(
                "SELECT t.name, c.send_subject, c.send_html, c.send_text FROM campaign c "
                        + "LEFT JOIN email_template t ON t.id = c.template_id WHERE c.id = ?",
                (rs, i) -> new TemplateContent(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)),
                campaignId);
    }

    /** The contacts of a batch, with their attributes. */
    Map<Long, ContactView> contacts(List<Long> ids) {
        Map<Long, ContactView> found = new HashMap<>();
        for (int from = 0; from < ids.size(); from += 1000) {
            List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + 1000));
            jdbc.query("SELECT id, email, first_name, last_name, company, attributes, status FROM contact WHERE id IN ("
                    + String.join(",", Collections.nCopies(chunk.size(), "?")) + ")", rs -> {
                        found.put(rs.getLong(1),
                                new ContactView(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                        rs.getString(5), attributes(rs.getString(6)),
                                        ContactStatus.valueOf(rs.getString(7)), List.of(), null, null, null, null));
                    }, chunk.toArray());
        }
        return found;
    }

    private static Map<String, String> attributes(String json) {
        try {
            return JSON.readValue(json == null ? "{}" : json, new TypeReference<LinkedHashMap<String, String>>() {
            });
        }
        catch (java.io.IOException e) {
            return Map.of();
        }
    }

}
