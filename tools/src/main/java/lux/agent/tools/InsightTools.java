package lux.agent.tools;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import lux.agent.AgentOutput;
import lux.agent.insights.ContentOptimiser;
import lux.agent.insights.ContentReport;
import lux.stats.AudienceAnalyser;
import lux.stats.AudienceAnalysis;
import lux.templates.TemplateService;
import lux.templates.TemplateView;

/**
 * Measured advice: audience analysis from the database and content checks computed by
 * code.
 */
public class InsightTools {

    private final AudienceAnalyser analyser;

    private final ContentOptimiser optimiser;

    private final TemplateService templates;

    private final ToolSession session;

    InsightTools(AudienceAnalyser analyser, ContentOptimiser optimiser, TemplateService templates,
            ToolSession session) {
        this.analyser = analyser;
        this.optimiser = optimiser;
        this.templates = templates;
        this.session = session;
    }

    @Tool("Analyses the audience from real data: segments by tag, engagement, mailbox domains, machine-only openers, "
            + "suppressions, with recommendations.")
    public ToolResult analyseAudience(
            @P(value = "only contacts with this tag; empty = all contacts", required = false) String tag) {
        return ToolResults.attempt(session, "analyseAudience", () -> {
            AudienceAnalysis analysis = analyser.analyse(tag);
            session.show(new AgentOutput.Audience(analysis));
            return new ToolResult.AudienceAnalysed(ToolResult.DATA_CONTACTS, analysis);
        });
    }

    @Tool("Measures a saved template's content: subject length and variants, preview text, spam-trigger words, links, "
            + "images, personalisation, unsubscribe link and readability.")
    public ToolResult optimiseContent(@P("the template name") String templateName) {
        return ToolResults.attempt(session, "optimiseContent", () -> {
            TemplateView t = templates.byName(templateName);
            ContentReport report = optimiser.check(t.subject(), t.htmlBody());
            session.show(new AgentOutput.Content(t.name(), report));
            return new ToolResult.ContentChecked(ToolResult.DATA_TEMPLATES, t.name(), report);
        });
    }

}
