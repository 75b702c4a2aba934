package lux.agent.tools;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import java.util.Map;
import java.util.stream.Collectors;
import lux.agent.insights.AudienceAnalyser;
import lux.agent.insights.AudienceAnalysis;
import lux.agent.insights.ContentOptimiser;
import lux.agent.insights.ContentReport;
import lux.templates.TemplateService;
import lux.templates.TemplateView;

/** Measured advice: audience analysis from the database and content checks computed by code. */
public class InsightTools {
    private final AudienceAnalyser analyser;
    private final ContentOptimiser optimiser;
    private final TemplateService templates;
    private final ToolSession session;

    InsightTools(AudienceAnalyser analyser, ContentOptimiser optimiser, TemplateService templates, ToolSession session) {
        this.analyser = analyser;
        this.optimiser = optimiser;
        this.templates = templates;
        this.session = session;
    }

    @Tool("Analyses the audience from real data: segments by tag, engagement, mailbox domains, machine-only openers, "
            + "suppressions, with recommendations.")
    public String analyseAudience(@P(value = "only contacts with this tag; empty = all contacts", required = false) String tag) {
        return ToolResults.attempt(session, "analyseAudience", () -> {
            AudienceAnalysis a = analyser.analyse(tag);
            return ToolResults.DATA_CONTACTS + "Audience: " + a.scope() + ". Active contacts: " + a.activeContacts() + ". By status: " + map(a.byStatus())
                    + ". Top tags: " + map(a.topTags()) + ". Engagement (human opens/clicks): active in the last " + a.activeDays()
                    + " days " + a.engagedRecently() + ", lapsing " + a.lapsing() + ", mailed but never opened " + a.neverOpened()
                    + ", never mailed " + a.neverMailed() + ", only machine opens " + a.machineOnly() + ". Top domains: "
                    + map(a.topDomains()) + ". Suppressed: " + a.suppressedAddresses() + " addresses, " + a.suppressedDomains()
                    + " by domain. Recommendations:\n- " + String.join("\n- ", a.recommendations());
        });
    }

    @Tool("Measures a saved template's content: subject length and variants, preview text, spam-trigger words, links, "
            + "images, personalisation, unsubscribe link and readability.")
    public String optimiseContent(@P("the template name") String templateName) {
        return ToolResults.attempt(session, "optimiseContent", () -> {
            TemplateView t = TemplateTools.byName(templates, templateName);
            ContentReport r = optimiser.check(t.subject(), t.htmlBody());
            return ToolResults.DATA_TEMPLATES + "Template \"" + t.name() + "\": subject \"" + r.subject() + "\" (" + r.subjectLength() + " characters, "
                    + r.subjectWords() + " words). Preview text: \"" + r.previewText() + "\". Body: " + r.bodyWords() + " words, "
                    + r.links() + " links, " + r.images() + " images (" + r.imagesWithoutAlt() + " without alt text). Personalised: "
                    + yes(r.personalised()) + ". Unsubscribe link: " + yes(r.unsubscribeLink()) + ". Reading ease: " + r.readingEase()
                    + " (" + r.wordsPerSentence() + " words per sentence). Spam-trigger words: "
                    + (r.spamWords().isEmpty() ? "none" : String.join(", ", r.spamWords())) + ". Problems:"
                    + (r.problems().isEmpty() ? " none." : "\n- " + String.join("\n- ", r.problems()))
                    + "\nSubject starting points to reword: " + String.join(" | ", r.subjectVariants());
        });
    }

    private static String map(Map<String, Long> values) {
        return values.isEmpty() ? "none" : values.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", "));
    }

    private static String yes(boolean b) {
        return b ? "yes" : "no";
    }
}
