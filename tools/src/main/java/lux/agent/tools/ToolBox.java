package lux.agent.tools;

import java.time.Clock;
import java.util.List;
import lux.abtests.AbTestService;
import lux.agent.insights.CampaignStatsReader;
import lux.agent.insights.ContentOptimiser;
import lux.campaigns.CampaignAudiences;
import lux.campaigns.CampaignService;
import lux.campaigns.ResendService;
import lux.segments.SegmentService;
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

        final AbTestService abTests;

        final WinnerConfirmations winners;

        final lux.besttime.BestTimeService bestTime;

        final lux.digest.DigestPreferences digests;

        Editing(StatsService stats, TemplateEdits templateEdits, Senders senders, ContactBulkService bulk,
                SuppressionService suppressions, UserService users, ContactDeletions deletions, AbTestService abTests,
                lux.besttime.BestTimeService bestTime, lux.digest.DigestPreferences digests,
                JourneyConfirmations journeyConfirmations, JourneyService journeys, WinnerConfirmations winners) {
            this.abTests = abTests;
            this.winners = winners;
            this.journeyConfirmations = journeyConfirmations;
            this.journeys = journeys;
            this.bestTime = bestTime;
            this.digests = digests;
            this.deletions = deletions;
            this.stats = stats;
            this.templateEdits = templateEdits;
            this.senders = senders;
            this.bulk = bulk;
            this.suppressions = suppressions;
            this.users = users;
        }

    }

    /**
     * The core services behind segments, segment audiences and resends.
     */
    @Component
    static class Audiences {

        final SegmentService segments;

        final CampaignAudiences campaignAudiences;

        final ResendService resends;

        Audiences(SegmentService segments, CampaignAudiences campaignAudiences, ResendService resends) {
            this.segments = segments;
            this.campaignAudiences = campaignAudiences;
            this.resends = resends;
        }

    }

    private final Audiences audiences;

    ToolBox(ContactImportService imports, ContactService contacts, ContactsByEmail byEmail, TemplateService templates,
            CampaignService campaigns, ConfirmationService confirmations, CampaignStatsReader stats,
            AudienceAnalyser analyser, ContentOptimiser optimiser, Clock clock, SendApprovalService approvals,
            TestSendService tests, FormService forms, CoreProperties core, Editing editing, ContactHistory history,
            StatsService statsService, Audiences audiences) {
        this.audiences = audiences;
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
        CampaignTools campaignTools = new CampaignTools(campaigns, templates, confirmations, stats, clock, session,
                approvals, audiences.campaignAudiences, audiences.segments);
        return new Tools(new ContactTools(contacts, byEmail, imports, history, statsService, session),
                new TemplateTools(templates, contacts, session), campaignTools,
                new InsightTools(analyser, optimiser, templates, session),
                new TestSendTools(tests, campaigns, templates, session),
                new FormTools(forms, session, core.publicBaseUrl().toString()),
                new ContactEditTools(contacts, byEmail, editing.stats, editing.deletions, session),
                new TemplateEditTools(templates, editing.templateEdits, session),
                new CampaignEditTools(campaigns, templates, audiences.campaignAudiences, audiences.segments,
                        editing.senders, campaignTools, session),
                new AudienceTagTools(editing.bulk, editing.deletions, audiences.segments, session),
                new SuppressionTools(editing.suppressions, editing.users, session),
                new SegmentTools(audiences.segments, campaigns, contacts, session),
                new ResendTools(audiences.resends, campaigns, audiences.campaignAudiences, campaignTools, session),
                new AbTestTools(editing.abTests, campaigns, confirmations, editing.winners, clock, session),
                new SendTimeTools(editing.bestTime, campaigns, campaignTools, editing.digests, session),
                new JourneyTools(editing.journeyConfirmations, editing.journeys, session));
    }

    /** The tools of one turn. */
    public record Tools(ContactTools contacts, TemplateTools templates, CampaignTools campaigns, InsightTools insights,
            TestSendTools tests, FormTools forms, ContactEditTools contactEdits, TemplateEditTools templateEdits,
            CampaignEditTools campaignEdits, AudienceTagTools audienceTags, SuppressionTools suppressions,
            SegmentTools segments, ResendTools resends, AbTestTools abTests, SendTimeTools sendTime,
            JourneyTools journeys) {
        public List<Object> all() {
            return List.of(contacts, templates, campaigns, insights, tests, forms, contactEdits, templateEdits,
                    campaignEdits, audienceTags, suppressions, segments, resends, abTests, sendTime, journeys);
        }
    }

}
