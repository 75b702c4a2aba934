package lux.agent.tools;

import java.util.Map;
import java.util.stream.Collectors;
import lux.agent.insights.ContentReport;
import lux.stats.AudienceAnalysis;

/** The insights as people read them (the model gets the records themselves). */
final class InsightText {
    private InsightText() {
    }

    static String audience(AudienceAnalysis a) {
        return "Audience: " + a.scope() + ". Active contacts: " + a.activeContacts() + ". By status: " + map(a.byStatus())
                + ". Top tags: " + map(a.topTags()) + ". Engagement (human opens/clicks): active in the last " + a.activeDays()
                + " days " + a.engagedRecently() + ", lapsing " + a.lapsing() + ", mailed but never opened " + a.neverOpened()
                + ", never mailed " + a.neverMailed() + ", only machine opens " + a.machineOnly() + ". Top domains: "
                + map(a.topDomains()) + ". Suppressed: " + a.suppressedAddresses() + " addresses, " + a.suppressedDomains()
                + " by domain. Recommendations:\n- " + String.join("\n- ", a.recommendations());
    }

    static String content(String template, ContentReport r) {
        return "Template \"" + template + "\": subject \"" + r.subject() + "\" (" + r.subjectLength() + " characters, "
                + r.subjectWords() + " words). Preview text: \"" + r.previewText() + "\". Body: " + r.bodyWords() + " words, "
                + r.links() + " links, " + r.images() + " images (" + r.imagesWithoutAlt() + " without alt text). Personalised: "
                + yes(r.personalised()) + ". Unsubscribe link: " + yes(r.unsubscribeLink()) + ". Reading ease: " + r.readingEase()
                + " (" + r.wordsPerSentence() + " words per sentence). Spam-trigger words: "
                + (r.spamWords().isEmpty() ? "none" : String.join(", ", r.spamWords())) + ". Problems:"
                + (r.problems().isEmpty() ? " none." : "\n- " + String.join("\n- ", r.problems()))
                + "\nSubject starting points to reword: " + String.join(" | ", r.subjectVariants());
    }

    private static String map(Map<String, Long> values) {
        return values.isEmpty() ? "none" : values.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", "));
    }

    private static String yes(boolean b) {
        return b ? "yes" : "no";
    }
}
