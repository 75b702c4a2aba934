package lux.teams;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import lux.agent.TeamsMessages;
import lux.agent.insights.ContentReport;
import lux.contacts.ContactStatus;
import lux.stats.AudienceAnalysis;
import org.springframework.stereotype.Component;

/**
 * The insight results as cards in the reader's language: who the audience is, and what an
 * email's content measures. The findings themselves (recommendations, problems) are data
 * and stay as written.
 */
@Component
class InsightCards {

    private final CardTemplates templates;

    private final TeamsMessages messages;

    InsightCards(CardTemplates templates, TeamsMessages messages) {
        this.templates = templates;
        this.messages = messages;
    }

    Card audience(AudienceAnalysis a, Locale locale) {
        List<Map<String, Object>> facts = List.of(fact(t(locale, "card.audience.active"), a.activeContacts()),
                fact(t(locale, "card.audience.byStatus"), counts(statuses(a.byStatus(), locale), locale)),
                fact(t(locale, "card.audience.topTags"), counts(a.topTags(), locale)),
                fact(t(locale, "card.audience.activeIn", a.activeDays()), a.engagedRecently()),
                fact(t(locale, "card.audience.lapsing"), a.lapsing()),
                fact(t(locale, "card.audience.neverOpened"), a.neverOpened()),
                fact(t(locale, "card.audience.neverMailed"), a.neverMailed()),
                fact(t(locale, "card.audience.machineOnly"), a.machineOnly()),
                fact(t(locale, "card.audience.topDomains"), counts(a.topDomains(), locale)),
                fact(t(locale, "card.audience.suppressed"), t(locale, "card.audience.suppressedValue",
                        String.valueOf(a.suppressedAddresses()), String.valueOf(a.suppressedDomains()))));
        return facts(t(locale, "card.audience.title", a.scope()),
                t(locale, "card.audience.recommendations") + "\n- " + String.join("\n- ", a.recommendations()), facts,
                locale);
    }

    Card content(String template, ContentReport r, Locale locale) {
        List<Map<String, Object>> facts = new ArrayList<>(List.of(
                fact(t(locale, "card.content.subject"),
                        t(locale, "card.content.subjectValue", r.subject(), r.subjectLength(), r.subjectWords())),
                fact(t(locale, "card.content.preview"), r.previewText()),
                fact(t(locale, "card.content.body"),
                        t(locale, "card.content.bodyValue", r.bodyWords(), r.links(), r.images(),
                                r.imagesWithoutAlt())),
                fact(t(locale, "card.content.personalised"), yes(r.personalised(), locale)),
                fact(t(locale, "card.content.unsubscribe"), yes(r.unsubscribeLink(), locale)),
                fact(t(locale, "card.content.readingEase"),
                        t(locale, "card.content.readingEaseValue", r.readingEase(), r.wordsPerSentence())),
                fact(t(locale, "card.content.spamWords"),
                        r.spamWords().isEmpty() ? t(locale, "card.none") : String.join(", ", r.spamWords()))));
        String text = (r.problems().isEmpty() ? t(locale, "card.content.noProblems")
                : t(locale, "card.content.problems") + "\n- " + String.join("\n- ", r.problems())) + "\n\n"
                + t(locale, "card.content.variants") + " " + String.join(" | ", r.subjectVariants());
        return facts(t(locale, "card.content.title", template), text, facts, locale);
    }

    private Card facts(String title, String text, List<Map<String, Object>> facts, Locale locale) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("title", title);
        data.put("text", text);
        data.put("facts", facts);
        data.put("image", null);
        data.put("actions", List.of());
        return templates.render("facts", data, locale);
    }

    private String t(Locale locale, String key, Object... args) {
        return messages.text(locale, key, args);
    }

    /**
     * The analysis counts contacts by status name ("active"): the reader's word for it.
     */
    private Map<String, Long> statuses(Map<String, Long> byStatus, Locale locale) {
        Map<String, Long> named = new LinkedHashMap<>();
        byStatus.forEach((status, n) -> named.put(statusWord(status, locale), n));
        return named;
    }

    private String statusWord(String status, Locale locale) {
        for (ContactStatus s : ContactStatus.values()) {
            if (s.name().equalsIgnoreCase(status)) {
                return messages.status(locale, s);
            }
        }
        return status;
    }

    private String counts(Map<String, Long> values, Locale locale) {
        return values.isEmpty() ? t(locale, "card.none")
                : values.entrySet()
                    .stream()
                    .map(e -> e.getKey() + " " + e.getValue())
                    .collect(Collectors.joining(", "));
    }

    private String yes(boolean b, Locale locale) {
        return t(locale, b ? "card.yes" : "card.no");
    }

    private static Map<String, Object> fact(String title, Object value) {
        return Map.of("title", title, "value", String.valueOf(value));
    }

}
