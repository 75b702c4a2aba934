package lux.agent.tools;

import java.time.Clock;
import java.util.List;
import lux.agent.insights.CampaignStatsReader;
import lux.agent.insights.ContentOptimiser;
import lux.campaigns.CampaignService;
import lux.campaigns.SendApprovalService;
import lux.contacts.ContactHistory;
import lux.contacts.ContactService;
import lux.config.CoreProperties;
import lux.contacts.ContactsByEmail;
import lux.delivery.TestSendService;
import lux.imports.ContactImportService;
import lux.signup.FormService;
import lux.stats.AudienceAnalyser;
import lux.stats.StatsService;
import lux.templates.TemplateService;
import org.springframework.stereotype.Component;

/** Makes the tool objects for one turn, bound to that turn's user and zone. */
@Component
public class ToolBox {
    private final ContactService contacts;
    private final TemplateService templates;
    private final CampaignService campaigns;
    private final ConfirmationService confirmations;
    private final CampaignStatsReader stats;
    private final AudienceAnalyser analyser;
    private final ContentOptimiser optimiser;
    private final Clock clock;
    private final ContactImportService imports;
    private final SendApprovalService approvals;
    private final ContactsByEmail byEmail;
    private final TestSendService tests;
    private final FormService forms;
    private final CoreProperties core;
    private final ContactHistory history;
    private final StatsService statsService;

    ToolBox(ContactImportService imports, ContactService contacts, ContactsByEmail byEmail, TemplateService templates, CampaignService campaigns,
            ConfirmationService confirmations, CampaignStatsReader stats, AudienceAnalyser analyser, ContentOptimiser optimiser, Clock clock,
            SendApprovalService approvals, TestSendService tests, FormService forms, CoreProperties core,
            ContactHistory history, StatsService statsService) {
        this.history = history;
        this.statsService = statsService;
        this.tests = tests;
        this.forms = forms;
        this.core = core;
        this.approvals = approvals;
        this.byEmail = byEmail;
        this.imports = imports;
        this.contacts = contacts;
        this.templates = templates;
        this.campaigns = campaigns;
        this.confirmations = confirmations;
        this.stats = stats;
        this.analyser = analyser;
        this.optimiser = optimiser;
        this.clock = clock;
    }

    public Tools forSession(ToolSession session) {
        return new Tools(new ContactTools(contacts, byEmail, imports, history, statsService, session), new TemplateTools(templates, contacts, session),
                new CampaignTools(campaigns, templates, contacts, confirmations, stats, clock, session, approvals),
                new InsightTools(analyser, optimiser, templates, session), new TestSendTools(tests, campaigns, templates, session),
                new FormTools(forms, session, core.publicBaseUrl().toString()));
    }

    /** The tools of one turn. */
    public record Tools(ContactTools contacts, TemplateTools templates, CampaignTools campaigns, InsightTools insights,
                        TestSendTools tests, FormTools forms) {
        public List<Object> all() {
            return List.of(contacts, templates, campaigns, insights, tests, forms);
        }
    }
}
