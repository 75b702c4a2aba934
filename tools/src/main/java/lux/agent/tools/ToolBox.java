package lux.agent.tools;

import java.time.Clock;
import java.util.List;
import lux.agent.insights.CampaignStatsReader;
import lux.agent.insights.ContentOptimiser;
import lux.campaigns.CampaignService;
import lux.campaigns.SendApprovalService;
import lux.contacts.ContactHistory;
import lux.campaigns.Senders;
import lux.contacts.ContactBulkService;
import lux.stats.StatsService;
import lux.suppression.SuppressionService;
import lux.templates.TemplateEdits;
import lux.users.UserService;
import lux.contacts.ContactService;
import lux.config.CoreProperties;
import lux.contacts.ContactsByEmail;
import lux.delivery.TestSendService;
import lux.imports.ContactImportService;
import lux.journeys.JourneyService;
import lux.signup.FormService;
import lux.stats.AudienceAnalyser;
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

    private final Editing editing;

    /**
     * The core services behind the editing tools (contacts, templates, drafts, bulk tags,
     * suppressions).
     */
    @Component
    static class Editing {

        final StatsService stats;

        final TemplateEdits templateEdits;

        final Senders senders;

        final ContactBulkService bulk;

        final SuppressionService suppressions;

        final UserService users;

        final ContactDeletions deletions;

        final JourneyConfirmations journeyConfirmations;

        final JourneyService journeys;

        Editing(StatsService stats, TemplateEdits templateEdits, Senders senders, ContactBulkService bulk,
                SuppressionService suppressions, UserService users, ContactDeletions deletions,
                JourneyConfirmations journeyConfirmations, JourneyService journeys) {
            this.journeyConfirmations = journeyConfirmations;
            this.journeys = journeys;
            this.deletions = deletions;
            this.stats = stats;
            this.templateEdits = templateEdits;
            this.senders = senders;
            this.bulk = bulk;
            this.suppressions = suppressions;
            this.users = users;
        }

    }

    ToolBox(ContactImportService imports, ContactService contacts, ContactsByEmail byEmail, TemplateService templates,
            CampaignService campaigns, ConfirmationService confirmations, CampaignStatsReader stats,
            AudienceAnalyser analyser, ContentOptimiser optimiser, Clock clock, SendApprovalService approvals,
            TestSendService tests, FormService forms, CoreProperties core, Editing editing, ContactHistory history,
            StatsService statsService) {
        this.editing = editing;
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
        CampaignTools campaignTools = new CampaignTools(campaigns, templates, contacts, confirmations, stats, clock,
                session, approvals);
        return new Tools(new ContactTools(contacts, byEmail, imports, history, statsService, session),
                new TemplateTools(templates, contacts, session), campaignTools,
                new InsightTools(analyser, optimiser, templates, session),
                new TestSendTools(tests, campaigns, templates, session),
                new FormTools(forms, session, core.publicBaseUrl().toString()),
                new ContactEditTools(contacts, byEmail, editing.stats, editing.deletions, session),
                new TemplateEditTools(templates, editing.templateEdits, session),
                new CampaignEditTools(campaigns, templates, contacts, editing.senders, campaignTools, session),
                new AudienceTagTools(editing.bulk, editing.deletions, session),
                new SuppressionTools(editing.suppressions, editing.users, session),
                new JourneyTools(editing.journeyConfirmations, editing.journeys, session));
    }

    /** The tools of one turn. */
    public record Tools(ContactTools contacts, TemplateTools templates, CampaignTools campaigns, InsightTools insights,
            TestSendTools tests, FormTools forms, ContactEditTools contactEdits, TemplateEditTools templateEdits,
            CampaignEditTools campaignEdits, AudienceTagTools audienceTags, SuppressionTools suppressions,
            JourneyTools journeys) {
        public List<Object> all() {
            return List.of(contacts, templates, campaigns, insights, tests, forms, contactEdits, templateEdits,
                    campaignEdits, audienceTags, suppressions, journeys);
        }
    }

}
