package lux.teams;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import lux.agent.AgentOutput;
import lux.contacts.ContactView;
import lux.stats.ContactEngagement;
import org.springframework.stereotype.Component;

/**
 * One contact (status, tags, engagement) and the suppression list as cards. Their words
 * are here, in one place.
 */
@Component
class EditCards {

    static final String NO_TAGS = "none";
    static final String NEVER = "never";
    static final String DELETE_WARNING = "This cannot be undone: the contacts and their history in LUX are deleted. "
            + "Nothing happens until you press Confirm.";

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);

    private final CardTemplates templates;

    EditCards(CardTemplates templates) {
        this.templates = templates;
    }

    Card contact(AgentOutput.Contact output, ZoneId zone) {
        ContactView c = output.contact();
        ContactEngagement e = output.engagement();
        List<Map<String, Object>> facts = new ArrayList<>();
        facts.add(fact("Email", c.email()));
        if (c.company() != null) {
            facts.add(fact("Company", c.company()));
        }
        facts.add(fact("Status", c.status().name().toLowerCase(Locale.ROOT)));
        facts.add(fact("Tags", c.tags().isEmpty() ? NO_TAGS : String.join(", ", c.tags())));
        c.attributes().forEach((k, v) -> facts.add(fact(k, v)));
        facts.add(fact("Engagement", e.score() + " / 100"));
        facts
            .add(fact("Campaigns", e.received() + " received, " + e.opened() + " opened, " + e.clicked() + " clicked"));
        facts.add(fact("Last active", e.lastActivity() == null ? NEVER : DAY.format(e.lastActivity().atZone(zone))));
        return facts(c.displayName(), null, facts);
    }

    Card suppressions(AgentOutput.Suppressions output, ZoneId zone) {
        List<Map<String, Object>> facts = output.entries()
            .stream()
            .map(s -> fact(s.value(),
                    s.kind() + ", " + s.reason() + (s.note() == null ? "" : ": " + s.note()) + " ("
                            + DAY.format(s.since().atZone(zone)) + ")"))
            .toList();
        String summary = output.total() == 0 ? "Nothing is suppressed."
                : output.total() + (output.total() == 1 ? " entry" : " entries")
                        + (output.total() > facts.size() ? ", showing the newest " + facts.size() : "")
                        + ". LUX never mails these addresses and domains.";
        return facts("Suppression list", summary, facts);
    }

    /**
     * The Confirm card for deleting contacts; its buttons carry the nonce, which never
     * reaches the model.
     */
    Card contactDeletion(AgentOutput.ContactDeletion d, ZoneId zone) {
        List<Map<String, Object>> facts = new ArrayList<>();
        facts.add(fact("Contacts", d.count()));
        facts.add(fact(d.count() > d.sample().size() ? "First few" : "Addresses", String.join(", ", d.sample())));
        facts.add(fact("Card expires",
                DateTimeFormatter.ofPattern("d MMM HH:mm", Locale.ENGLISH).format(d.expiresAt().atZone(zone))));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("title", "Delete " + (d.count() == 1 ? d.what() : d.count() + " " + d.what()) + "?");
        data.put("text", DELETE_WARNING);
        data.put("facts", facts);
        data.put("image", null);
        data.put("actions",
                List.of(Map.of("title", "Confirm", "data", Map.of("action", "confirm-contacts", "nonce", d.nonce())),
                        Map.of("title", "Cancel", "data", Map.of("action", "decline-contacts", "nonce", d.nonce()))));
        return templates.render("facts", data);
    }

    /**
     * The Confirm card for a journey built in chat: the trigger and every step, numbered;
     * its buttons carry the nonce, which never reaches the model.
     */
    Card journeyConfirmation(AgentOutput.JourneyConfirmation j, ZoneId zone) {
        List<Map<String, Object>> facts = new ArrayList<>();
        facts.add(fact("Starts", j.trigger()));
        for (String step : j.steps()) {
            int dot = step.indexOf(". ");
            facts.add(fact("Step " + step.substring(0, dot), step.substring(dot + 2)));
        }
        facts.add(fact("Time zone", j.timeZone()));
        facts.add(fact("Card expires",
                DateTimeFormatter.ofPattern("d MMM HH:mm", Locale.ENGLISH).format(j.expiresAt().atZone(zone))));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("title", "Start the journey \"" + j.name() + "\"?");
        data.put("text", "Each contact goes through these steps once, from when they enter. Nothing starts until you "
                + "press Confirm.");
        data.put("facts", facts);
        data.put("image", null);
        data.put("actions",
                List.of(Map.of("title", "Confirm", "data", Map.of("action", "confirm-journey", "nonce", j.nonce())),
                        Map.of("title", "Cancel", "data", Map.of("action", "decline-journey", "nonce", j.nonce()))));
        return templates.render("facts", data);
    }

    private Card facts(String title, String text, List<Map<String, Object>> facts) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("title", title);
        data.put("text", text);
        data.put("facts", facts);
        data.put("image", null);
        data.put("actions", List.of());
        return templates.render("facts", data);
    }

    private static Map<String, Object> fact(String title, Object value) {
        return Map.of("title", title, "value", String.valueOf(value));
    }

}
