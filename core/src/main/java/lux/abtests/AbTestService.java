package lux.abtests;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import lux.audit.Actor;
import lux.audit.AuditService;
import lux.campaigns.CampaignEvent;
import lux.campaigns.CampaignService;
import lux.campaigns.CampaignStatus;
import lux.campaigns.CampaignView;
import lux.campaigns.NewCampaign;
import lux.shared.ConflictException;
import lux.shared.InvalidInputException;
import lux.shared.NotFoundException;
import lux.templates.TemplateContent;
import lux.templates.TemplateService;
import lux.users.Role;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The public face of A/B tests, for chat, console and API alike: set one up on a draft
 * campaign, read its results and verdict, let a person pick the winner. Sending goes the
 * usual road: the campaign is scheduled like any other (its test share is chosen when
 * delivery materialises it), and the winner is a second campaign scheduled through the
 * same plan ({@link AbDecisions}).
 */
@Service
public class AbTestService {

    static final int MAX_SUBJECT = 500;

    static final Duration MAX_WAIT = Duration.ofDays(30);

    private final AbTestStore store;

    private final CampaignService campaigns;

    private final TemplateService templates;

    private final AbDecisions decisions;

    private final AuditService audit;

    private final ApplicationEventPublisher events;

    private final JdbcTemplate jdbc;

    private final Clock clock;

    private final AbTestSplitter splitter;

    private final SecureRandom random = new SecureRandom();

    AbTestService(AbTestStore store, CampaignService campaigns, TemplateService templates, AbDecisions decisions,
            AuditService audit, ApplicationEventPublisher events, JdbcTemplate jdbc, Clock clock,
            AbTestSplitter splitter) {
        this.splitter = splitter;
        this.store = store;
        this.campaigns = campaigns;
        this.templates = templates;
        this.decisions = decisions;
        this.audit = audit;
        this.events = events;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Sets up (or replaces) the A/B test of a draft campaign. Each variant's subject and
     * body are copied now, so later template edits do not change what is tested.
     */
    @Transactional
    public AbTestView setUp(NewAbTest request, Actor actor) {
        CampaignView campaign = campaigns.get(request.campaignId());
        if (campaign.status() != CampaignStatus.DRAFT) {
            throw new ConflictException("Campaign \"" + campaign.name() + "\" is " + campaign.status().label()
                    + "; an A/B test can only be set up on a draft.");
        }
        if (jdbc.queryForObject("SELECT resend_of FROM campaign WHERE id = ?", Long.class, campaign.id()) != null) {
            throw new InvalidInputException("campaign", "\"" + campaign.name()
                    + "\" is a resend to non-openers; A/B test a campaign to tags or a segment.");
        }
        List<NewAbTest.Variant> variants = request.variants();
        if (variants.size() < 2 || variants.size() > 4) {
            throw new InvalidInputException("variants",
                    "An A/B test has 2 to 4 variants; " + variants.size() + " were given.");
        }
        if (request.testPercent() < 1 || request.testPercent() > 50) {
            throw new InvalidInputException("testPercent",
                    "The test share is between 1% and 50% of the audience (the rest gets the winner).");
        }
        Duration wait = request.waitTime() == null ? Duration.ofHours(4) : request.waitTime();
        if (wait.isNegative() || wait.compareTo(MAX_WAIT) > 0) {
            throw new InvalidInputException("wait", "The wait before the winner is decided is up to 30 days.");
        }
        if (store.byCampaign(campaign.id()).filter(t -> t.status() != AbTestStatus.SETUP).isPresent()) {
            throw new ConflictException("Campaign \"" + campaign.name() + "\" already ran its A/B test.");
        }
        TemplateContent base = templates.content(campaign.templateId());
        List<AbTestStore.VariantRow> rows = new ArrayList<>();
        for (int i = 0; i < variants.size(); i++) {
            rows.add(variant(i, variants.get(i), base));
        }
        long seed = Math.floorMod(request.seed() == null ? random.nextLong() : request.seed(),
                AbTestSplitter.SEED_BOUND);
        AbMetric metric = request.metric() == null ? AbMetric.OPENS : request.metric();
        AbMode mode = request.mode() == null ? AbMode.AUTO : request.mode();
        store.deleteSetup(campaign.id());
        long id = store.insert(campaign.id(), request.testPercent(), metric, (int) wait.toMinutes(), mode, seed,
                actor.userId(), clock.instant());
        rows.forEach(row -> store.insertVariant(id, row));
        String what = variants.size() + " variants on " + request.testPercent() + "%, winner by " + metric.label()
                + " after " + wait.toMinutes() + " min, " + mode.name().toLowerCase() + " choice";
        audit.record(actor, "abtest.setup", "campaign", campaign.id(), what);
        // a Confirm card shown before this no longer shows what would be sent
        events.publishEvent(new CampaignEvent.Edited(campaign.id(), campaign.name(),
                "its A/B test was set up (" + what + ")", actor, clock.instant()));
        return view(campaign.id());
    }

    /**
     * Creates a draft campaign with its A/B test in one transaction (nothing is left
     * behind when the test is refused). {@code role} is the acting role, as for
     * {@link CampaignService#create(NewCampaign, Actor, Role)}.
     */
    @Transactional
    public AbTestView create(NewCampaign campaign, NewAbTest test, Actor actor, Role role) {
        CampaignView created = campaigns.create(campaign, actor, role);
        return setUp(new NewAbTest(created.id(), test.variants(), test.testPercent(), test.metric(), test.waitTime(),
                test.mode(), test.seed()), actor);
    }

    /** Whether campaign {@code campaignId} is (or sends the winner of) an A/B test. */
    @Transactional(readOnly = true)
    public boolean isAbTest(long campaignId) {
        return store.byTestOrWinnerCampaign(campaignId).isPresent();
    }

    /**
     * The test of campaign {@code campaignId} (the test send or its winner send) with
     * results so far and the verdict they give.
     */
    @Transactional(readOnly = true)
    public AbTestView view(long campaignId) {
        AbTestStore.Row test = store.byTestOrWinnerCampaign(campaignId)
            .orElseThrow(() -> new NotFoundException("A/B test of campaign", campaignId));
        CampaignView campaign = campaigns.get(test.campaignId());
        List<AbTestStore.VariantRow> variants = store.variants(test.id());
        List<AbTestView.Variant> shown = variants.stream()
            .map(v -> new AbTestView.Variant(v.variant(), AbStatistics.label(v.variant()), v.subject(),
                    v.templateId() == null ? null : templates.name(v.templateId()).orElse(null)))
            .toList();
        AbStatistics.Verdict verdict = AbStatistics.judge(test.metric(),
                store.counts(test.campaignId(), variants.size()));
        return new AbTestView(campaign.id(), campaign.name(), test.status(), test.metric(), test.mode(),
                test.testPercent(), Duration.ofMinutes(test.waitMinutes()), test.seed(), test.testSize(),
                test.decideAt(), shown, verdict, test.winnerVariant(), test.winnerCampaignId(), test.verdict(),
                test.decidedBy(), test.decidedAt(), splitter.winnerAudience(test));
    }

    /**
     * How many people the winner of campaign {@code campaignId}'s test would go to now:
     * the audience less the test share, which the winner send leaves out (for the card a
     * person confirms the choice on).
     */
    @Transactional(readOnly = true)
    public long winnerAudience(long campaignId) {
        AbTestStore.Row test = store.byTestOrWinnerCampaign(campaignId)
            .orElseThrow(() -> new NotFoundException("A/B test of campaign", campaignId));
        return splitter.winnerAudience(test);
    }

    /**
     * A person picks the winner (manual mode, or before LUX's own decision once the test
     * share is sent); it is sent to the rest through the schedule plan.
     */
    public AbTestView chooseWinner(long campaignId, String variantLabel, Actor actor) {
        AbTestStore.Row test = store.byCampaign(campaignId)
            .orElseThrow(() -> new NotFoundException("A/B test of campaign", campaignId));
        int variants = store.variants(test.id()).size();
        int variant = parseVariant(variantLabel, variants);
        if (test.status() == AbTestStatus.SETUP) {
            throw new ConflictException("The A/B test has not been sent yet; there is nothing to choose from.");
        }
        if (test.status() == AbTestStatus.DECIDED) {
            throw new ConflictException(
                    "The winner was already decided: " + (test.verdict() == null ? "" : test.verdict()));
        }
        CampaignView campaign = campaigns.get(campaignId);
        if (campaign.status() != CampaignStatus.SENT) {
            throw new ConflictException("The test share of \"" + campaign.name() + "\" is " + campaign.status().label()
                    + "; pick a winner once it is sent.");
        }
        decisions.decide(test, variant, actor);
        return view(campaignId);
    }

    /**
     * The variant's letter ("A" to "D") from what a person wrote ("b", "variant B"), or
     * refuses.
     */
    public static String label(String text, int variants) {
        return AbStatistics.label(parseVariant(text, variants));
    }

    static int parseVariant(String label, int variants) {
        String t = label == null ? "" : label.trim().toUpperCase(java.util.Locale.ROOT);
        if (t.startsWith("VARIANT ")) {
            t = t.substring(8).trim();
        }
        if (t.length() == 1 && t.charAt(0) >= 'A' && t.charAt(0) < 'A' + variants) {
            return t.charAt(0) - 'A';
        }
        throw new InvalidInputException("variant",
                "\"" + (label == null ? "" : label) + "\" is not a variant of this test; choose "
                        + AbStatistics.label(0) + " to " + AbStatistics.label(variants - 1) + ".");
    }

    private AbTestStore.VariantRow variant(int number, NewAbTest.Variant v, TemplateContent base) {
        String subject = v.subject() == null ? "" : v.subject().strip();
        String field = "variants[" + number + "].subject";
        if (subject.isEmpty()) {
            throw new InvalidInputException(field, "Variant " + AbStatistics.label(number) + " needs a subject.");
        }
        if (subject.length() > MAX_SUBJECT) {
            throw new InvalidInputException(field, "The subject of variant " + AbStatistics.label(number)
                    + " is longer than " + MAX_SUBJECT + " characters.");
        }
        if (subject.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidInputException(field, "The subject of variant " + AbStatistics.label(number)
                    + " contains a line break or control character; write it on one line.");
        }
        String html = null;
        String text = null;
        if (v.templateId() != null) {
            TemplateContent own = templates.content(v.templateId());
            html = own.htmlBody();
            text = own.textBody();
        }
        // the subject is a template too: refuse one that would not render before anything
        // is sent
        templates.validate(new TemplateContent(base.name(), subject, html == null ? base.htmlBody() : html,
                html == null ? base.textBody() : text));
        return new AbTestStore.VariantRow(number, subject, v.templateId(), html, text);
    }

}
