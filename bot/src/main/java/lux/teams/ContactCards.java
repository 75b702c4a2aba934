package lux.teams;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import lux.agent.AgentOutput;
import lux.agent.TeamsMessages;
import lux.contacts.ContactHistoryView;
import lux.stats.ContactEngagement;
import org.springframework.stereotype.Component;

/**
 * One contact as a card: who it is, status, tags, engagement score and the timeline of
 * what LUX did and saw, in the reader's language (the names, campaigns and details in it
 * stay as written).
 */
@Component
class ContactCards {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm", Locale.ENGLISH);

    private static final DateTimeFormatter WHEN_DE = DateTimeFormatter.ofPattern("d. MMM yyyy HH:mm", Locale.GERMAN);

    /** Entries whose detail names who did it ("by mia@lux.example.com"). */
    private static final Set<ContactHistoryView.Kind> DONE_BY = Set.of(ContactHistoryView.Kind.ADDED,
            ContactHistoryView.Kind.IMPORTED, ContactHistoryView.Kind.CONSENT, ContactHistoryView.Kind.STATUS,
            ContactHistoryView.Kind.UNSUBSCRIBED);

    private final CardTemplates templates;

    private final TeamsMessages messages;

    ContactCards(CardTemplates templates, TeamsMessages messages) {
        this.templates = templates;
        this.messages = messages;
    }

    Card timeline(AgentOutput.ContactTimeline output, ZoneId zone, Locale locale) {
        ContactHistoryView c = output.contact();
        ContactEngagement e = output.engagement();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("title", c.displayName());
        data.put("subtitle", c.email() + (c.company() == null || c.company().isBlank() ? "" : " · " + c.company()));
        data.put("facts",
                List.of(fact(t(locale, "card.contact.status"), messages.status(locale, c.status())),
                        fact(t(locale, "card.contact.tags"),
                                c.tags().isEmpty() ? t(locale, "card.none") : String.join(", ", c.tags())),
                        fact(t(locale, "card.contact.engagement"),
                                t(locale, "card.timeline.engagementValue", String.valueOf(e.score()),
                                        String.valueOf(e.received()), String.valueOf(e.opened()),
                                        String.valueOf(e.clicked())))));
        data.put("earlier", c.earlierEntries() == 0 ? null : t(locale, "card.timeline.earlier", c.earlierEntries()));
        data.put("timeline", c.entries()
            .stream()
            .map(entry -> Map.<String, Object>of("when", when(entry.at(), zone, locale), "what", what(entry, locale)))
            .toList());
        return templates.render("contact", data, locale);
    }

    /**
     * One timeline entry in words: the kind from the bundle, its subject and detail as
     * data.
     */
    String what(ContactHistoryView.Entry e, Locale locale) {
        String line = t(locale, "card.timeline." + e.kind().name(), e.subject(), e.detail());
        boolean by = DONE_BY.contains(e.kind()) && e.detail() != null && !e.detail().isBlank();
        return by ? line + " " + t(locale, "card.timeline.by", e.detail()) : line;
    }

    private static String when(Instant at, ZoneId zone, Locale locale) {
        return (locale != null && locale.getLanguage().equals("de") ? WHEN_DE : WHEN).format(at.atZone(zone));
    }

    private String t(Locale locale, String key, Object... args) {
        return messages.text(locale, key, args);
    }

    private static Map<String, Object> fact(String title, String value) {
        return Map.of("title", title, "value", value);
    }

}
