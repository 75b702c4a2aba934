package lux.campaigns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;
import lux.audit.Actor;
import lux.audit.Channel;
import lux.contacts.AudienceFilter;
import lux.contacts.ContactService;
import lux.contacts.NewContact;
import lux.shared.ConflictException;
import lux.shared.InvalidInputException;
import lux.templates.TemplateContent;
import lux.templates.TemplateService;
import lux.testsupport.CoreTestApplication;
import lux.testsupport.DatabaseCleaner;
import lux.testsupport.DatabaseTest;
import lux.testsupport.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The one schedule plan: audience, checks that refuse, and the finish from the single
 * estimator (30 a minute here).
 */
@DatabaseTest
@SpringBootTest(classes = CoreTestApplication.class,
        properties = { "lux.delivery.senders=marketing@lux.test", "lux.delivery.limits.per-minute=30" })
@Import(SchedulePlannerTest.FixedClock.class)
class SchedulePlannerTest {

    static final Instant NOW = Instant.parse("2026-11-26T09:00:00Z");

    private static final Actor MIA = new Actor(null, "mia@lux.test", Channel.TEAMS);

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @TestConfiguration
    static class FixedClock {

        @Bean
        MutableClock clock() {
            return new MutableClock(NOW);
        }

    }

    @Autowired
    SchedulePlanner planner;

    @Autowired
    FinishEstimate estimator;

    @Autowired
    CampaignService campaigns;

    @Autowired
    TemplateService templates;

    @Autowired
    ContactService contacts;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MutableClock clock;

    long templateId;

    @BeforeEach
    void setUp() {
        DatabaseCleaner.clean(jdbc);
        clock.set(NOW);
        templateId = templates.create(new TemplateContent("Invite", "Hi", "<p>Hi</p>", null), MIA).id();
        for (String email : new String[] { "a@example.com", "b@example.com", "c@example.com" }) {
            contacts.create(new NewContact(email, null, null, null, Map.of(), Set.of("vip"), null), MIA);
        }
        contacts.create(new NewContact("d@example.com", null, null, null, Map.of(), Set.of("lead"), null), MIA);
    }

    @Test
    void plansTheAudienceTheTimeAndTheFinishFromTheOneEstimator() {
        CampaignView vip = campaign("VIP", AudienceFilter.anyOf("vip"));

        SchedulePlan plan = planner.plan(vip.id(), LocalDateTime.parse("2026-12-01T10:00"), BERLIN);

        assertThat(plan.audienceCount()).isEqualTo(3);
        assertThat(plan.when().toInstant()).isEqualTo(Instant.parse("2026-12-01T09:00:00Z"));
        // the plan's own checks pass; the pre-flight's warnings (no postal address here,
        // a test domain) join the same list
        assertThat(plan.checks()).isNotEmpty().extracting(PlanCheck::topic).containsOnly(PlanCheck.Topic.PREFLIGHT);
        assertThat(plan.blocked()).isFalse();
        // 3 recipients at 30 a minute from one mailbox: 6 seconds after the start
        assertThat(plan.estimatedFinish()).isEqualTo(Instant.parse("2026-12-01T09:00:06Z"))
            .isEqualTo(estimator.finish(3, vip.sender(), plan.when().toInstant()));
    }

    @Test
    void theScheduledCampaignsFinishIsThePlansFinish() {
        CampaignView vip = campaign("VIP", AudienceFilter.anyOf("vip"));
        SchedulePlan plan = planner.plan(vip.id(), LocalDateTime.parse("2026-12-01T10:00"), BERLIN);

        CampaignView scheduled = campaigns.schedule(vip.id(), LocalDateTime.parse("2026-12-01T10:00"), BERLIN, MIA);

        assertThat(planner.estimatedFinish(scheduled)).isEqualTo(plan.estimatedFinish());
        assertThat(planner.estimatedFinish(campaign("Draft", AudienceFilter.anyOf("vip"))))
            .as("a draft has no finish yet")
            .isNull();
    }

    @Test
    void aBlockingCheckIsListedAndSchedulingRefusesIt() {
        CampaignView nobody = campaign("Nobody", new AudienceFilter(Set.of("vip"), Set.of("lead"), Set.of()));

        SchedulePlan plan = planner.plan(nobody.id(), LocalDateTime.parse("2026-11-20T10:00"), BERLIN);

        assertThat(plan.audienceCount()).isZero();
        assertThat(plan.blocked()).isTrue();
        assertThat(plan.checks()).extracting(PlanCheck::severity, PlanCheck::topic, PlanCheck::message)
            .containsExactly(
                    org.assertj.core.groups.Tuple.tuple(PlanCheck.Severity.BLOCKING, PlanCheck.Topic.TIME,
                            "That time (2026-11-20T10:00 Europe/Berlin) is in the past. Choose a time from now on."),
                    org.assertj.core.groups.Tuple.tuple(PlanCheck.Severity.BLOCKING, PlanCheck.Topic.AUDIENCE,
                            "Campaign \"Nobody\" would reach nobody: no active contacts are tagged any of vip and tagged all of lead."));
        assertThatThrownBy(plan::requireSendable).isInstanceOf(InvalidInputException.class)
            .hasMessageContaining("is in the past");
        assertThatThrownBy(() -> campaigns.schedule(nobody.id(), null, BERLIN, MIA))
            .isInstanceOf(InvalidInputException.class)
            .hasMessageContaining("would reach nobody");
        assertThat(campaigns.get(nobody.id()).status()).isEqualTo(CampaignStatus.DRAFT);
    }

    @Test
    void aCampaignThatCannotBeScheduledIsAConflict() {
        CampaignView vip = campaign("VIP", AudienceFilter.anyOf("vip"));
        campaigns.cancel(vip.id(), MIA);

        SchedulePlan plan = planner.plan(vip.id(), null, BERLIN);

        assertThat(plan.checks()).singleElement().satisfies(c -> {
            assertThat(c.topic()).isEqualTo(PlanCheck.Topic.STATUS);
            assertThat(c.message()).isEqualTo("Campaign \"VIP\" is cancelled and cannot be scheduled. It is finished.");
        });
        assertThatThrownBy(() -> campaigns.schedule(vip.id(), null, BERLIN, MIA)).isInstanceOf(ConflictException.class)
            .hasMessage("Campaign \"VIP\" is cancelled and cannot be scheduled. It is finished.");
    }

    @Test
    void moreChecksJoinTheSameList() {
        SchedulePlan plan = planner.plan(campaign("VIP", AudienceFilter.anyOf("vip")).id(), null, BERLIN);
        PlanCheck spammy = PlanCheck.warning(PlanCheck.Topic.AUDIENCE,
                "Most of the audience has not opened in 90 days.");

        SchedulePlan more = plan.withChecks(java.util.List.of(spammy));

        assertThat(more.warnings()).endsWith(spammy).hasSize(plan.warnings().size() + 1);
        assertThat(more.blocked()).isFalse();
        assertThat(more.requireSendable()).isSameAs(more);
        assertThat(plan.estimatedFinish()).isEqualTo(NOW.plus(Duration.ofSeconds(6)));
    }

    private CampaignView campaign(String name, AudienceFilter audience) {
        return campaigns.create(new NewCampaign(name, templateId, null, audience), MIA);
    }

}
