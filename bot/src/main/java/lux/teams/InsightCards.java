package lux.teams;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import lux.agent.insights.ContentReport;
import lux.stats.AudienceAnalysis;
import org.springframework.stereotype.Component;

/**
 * The insight results as cards: who the audience is, and what an email's content
 * measures.
 */
@Component
class InsightCards {

    private final CardTemplates templates;

    InsightCards(CardTemplates templates) {
        this.templates = templates;
    }

    Card audience(AudienceAnalysis a) {
        List<Map<String, Object>> facts = List.of(fact("Active contacts", a.activeContacts()),
                fact("By status", counts(a.byStatus())), fact("Top tags", counts(a.topTags())),
                fact("Active in " + a.activeDays() + " days", a.engagedRecently()), fact("Lapsing", a.lapsing()),
                fact("Mailed, never opened", a.neverOpened()), fact("Never mailed", a.neverMailed()),
                fact("Only machine opens", a.machineOnly()), fact("Top domains", counts(a.topDomains())),
                fact("Suppressed", a.suppressedAddresses() + " addresses, " + a.suppressedDomains() + " by domain"));
        return facts("Audience: " + a.scope(), "Recommendations:\n- " + String.join("\n- ", a.recommendations()),
                facts);
    }

    Card content(String template, ContentReport r) {
        List<Map<String, Object>> facts = new ArrayList<>(List.of(
                fact("Subject",
                        r.subject() + " (" + r.subjectLength() + " characters, " + r.subjectWords() + " words)"),
                fact("Preview text", r.previewText()),
                fact("Body",
                        r.bodyWords() + " words, " + r.links() + " links, " + r.images() + " images ("
                                + r.imagesWithoutAlt() + " without alt text)"),
                fact("Personalised", yes(r.personalised())), fact("Unsubscribe link", yes(r.unsubscribeLink())),
                fact("Reading ease", r.readingEase() + " (" + r.wordsPerSentence() + " words per sentence)"),
                fact("Spam-trigger words", r.spamWords().isEmpty() ? "none" : String.join(", ", r.spamWords()))));
        String text = (r.problems().isEmpty() ? "No problems found."
                : "Problems:\n- " + String.join("\n- ", r.problems())) + "\n\nSubject starting points to reword: "
                + String.join(" | ", r.subjectVariants());
        return facts("Content check: " + template, text, facts);
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

    private static String counts(Map<String, Long> values) {
        return values.isEmpty() ? "none"
                : values.entrySet()
                    .stream()
                    .map(e -> e.getKey() + " " + e.getValue())
                    .collect(Collectors.joining(", "));
    }

    private static String yes(boolean b) {
        return b ? "yes" : "no";
    }

}
