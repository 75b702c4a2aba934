package lux.teams;

import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import lux.agent.AgentOutput;
import lux.agent.tools.TimelineText;
import lux.contacts.ContactHistoryView;
import lux.stats.ContactEngagement;
import org.springframework.stereotype.Component;

/**
 * One contact as a card: who it is, status, tags, engagement score and the timeline of
 * what LUX did and saw.
 */
@Component
class ContactCards {

    private final CardTemplates templates;

    ContactCards(CardTemplates templates) {
        this.templates = templates;
    }

    Card timeline(AgentOutput.ContactTimeline output, ZoneId zone) {
        ContactHistoryView c = output.contact();
        ContactEngagement e = output.engagement();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("title", c.displayName());
        data.put("subtitle", c.email() + (c.company() == null || c.company().isBlank() ? "" : " · " + c.company()));
        data.put("facts",
                List.of(fact("Status", c.status().name().toLowerCase(Locale.ROOT)),
                        fact("Tags", c.tags().isEmpty() ? "none" : String.join(", ", c.tags())),
                        fact("Engagement", e.score() + "/100 (received " + e.received() + ", opened " + e.opened()
                                + ", clicked " + e.clicked() + "; people only)")));
        data.put("earlier", c.earlierEntries() == 0 ? null : c.earlierEntries() + " earlier "
                + (c.earlierEntries() == 1 ? "entry" : "entries") + " not shown; the latest follow.");
        data.put("timeline",
                c.entries()
                    .stream()
                    .map(entry -> Map.<String, Object>of("when", TimelineText.when(entry.at(), zone), "what",
                            TimelineText.what(entry)))
                    .toList());
        return templates.render("contact", data);
    }

    private static Map<String, Object> fact(String title, String value) {
        return Map.of("title", title, "value", value);
    }

}
