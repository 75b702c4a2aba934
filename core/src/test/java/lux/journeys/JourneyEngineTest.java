package lux.journeys;

import static lux.journeys.JourneyTestSupport.SENT;
import static lux.journeys.JourneyTestSupport.contact;
import static lux.journeys.JourneyTestSupport.sentTo;
import static lux.journeys.JourneyTestSupport.template;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import lux.audit.Actor;
import lux.contacts.ContactService;
import lux.imports.ImportEvent;
import lux.shared.SqlDialect;
import lux.signup.SignupConfirmed;
import lux.suppression.SuppressionReason;
import lux.suppression.SuppressionService;
import lux.templates.TemplateService;
import lux.testsupport.CoreTestApplication;
import lux.testsupport.DatabaseCleaner;
import lux.testsupport.DatabaseTest;
import lux.testsupport.MutableClock;
import lux.testsupport.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Journeys end to end on the real engine, database, templates and tracking, with a
 * movable clock: triggers, waits, weekday windows, branches on human clicks, versions,
 * pause, suppression at the send, and a crash right after a mail left.
 */
@DatabaseTest
@SpringBootTest(classes = CoreTestApplication.class,
        properties = { "lux.delivery.limits.enabled=false", "lux.journeys.batch-size=10",
                "lux.journeys.parallel-batches=1" })
@Import(JourneyTestSupport.class)
class JourneyEngineTest {

    @Autowired
    JourneyService journeys;

    @Autowired
    JourneyEngine engine;

    @Autowired
    JourneyTriggers triggers;

    @Autowired
    ContactService contacts;

    @Autowired
    TemplateService templates;

    @Autowired
    SuppressionService suppressions;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MutableClock clock;

    long welcome;

    long tips;

    @BeforeEach
    void clean() {
        DatabaseCleaner.clean(jdbc);
        SENT.clear();
        JourneyTestSupport.crashAfterSend = false;
        JourneyTestSupport.crashBeforeSend = false;
        clock.set(JourneyTestSupport.MONDAY);
        welcome = template(templates, "Welcome");
        tips = template(templates, "Tips");
    }

    /**
     * "When someone gets the tag trial, send Welcome now and Tips three days later if
     * they didn't click."
     */
    private JourneyView trialJourney() {
        return journeys.create(new NewJourney("Trial", Trigger.tagAdded("trial"),
                List.of(new JourneyStep.Send(welcome, "Welcome"), new JourneyStep.Wait(Duration.ofDays(3)),
                        new JourneyStep.Branch(Engagement.CLICKED, 4, null), new JourneyStep.Send(tips, "Tips"),
                        new JourneyStep.End()),
                "Europe/Berlin"), Actor.system());
    }

    @Test
    void welcomeNowAndTipsThreeDaysLaterOnlyForThoseWhoDidNotClick() {
        long before = contact(contacts, "before@example.net", Map.of(), "trial");
        JourneyView journey = trialJourney();
        long ann = contact(contacts, "ann@example.net", Map.of());
        long bob = contact(contacts, "bob@example.net", Map.of());
        contacts.tag(List.of(ann, bob), Set.of("trial"), Actor.system());
        long cat = contact(contacts, "cat@example.net", Map.of(), "trial"); // created
                                                                            // with the
                                                                            // tag

        engine.work(Duration.ofSeconds(30));
        assertThat(SENT).extracting(m -> m.to())
            .containsExactlyInAnyOrder("ann@example.net", "bob@example.net", "cat@example.net");
        assertThat(sentTo("before@example.net", "")).as("held the tag before the journey began").isZero();
        assertThat(SENT.get(0).html()).contains("/t/o/").contains("/t/c/").contains("/u/");
        assertThat(SENT.get(0).headers()).containsKey("X-LUX-Message-Id");

        // Bob clicks Welcome (a person, not a scanner); a scanner "clicks" for Cat
        jdbc.update("UPDATE campaign_recipient SET human_click_at = ?, first_click_at = ? WHERE email = ?",
                Timestamp.from(clock.instant()), Timestamp.from(clock.instant()), "bob@example.net");
        jdbc.update("UPDATE campaign_recipient SET first_click_at = ? WHERE email = ?", Timestamp.from(clock.instant()),
                "cat@example.net");

        clock.advance(Duration.ofDays(3).minusMinutes(1));
        engine.work(Duration.ofSeconds(30));
        assertThat(SENT).hasSize(3);

        clock.advance(Duration.ofMinutes(1));
        engine.work(Duration.ofSeconds(30));
        assertThat(sentTo("ann@example.net", "Tips")).isEqualTo(1);
        assertThat(sentTo("cat@example.net", "Tips")).as("machine clicks do not count").isEqualTo(1);
        assertThat(sentTo("bob@example.net", "Tips")).isZero();
        assertThat(SENT).hasSize(5);
        assertThat(jdbc.queryForList("SELECT DISTINCT status FROM journey_enrolment WHERE status <> 'EXCLUDED'",
                String.class))
            .containsExactly("DONE");

        JourneyStats stats = journeys.stats(journey.id(), null);
        assertThat(stats.enrolled()).isEqualTo(3);
        assertThat(stats.finished()).isEqualTo(3);
        assertThat(stats.steps()).extracting(StepStats::entered).containsExactly(3L, 3L, 3L, 2L, 3L);
        assertThat(stats.steps()).extracting(StepStats::sent).containsExactly(3L, 0L, 0L, 2L, 0L);
        assertThat(stats.steps().get(0).clicked()).isEqualTo(1);
        assertThat(stats.steps().get(4).finished()).isEqualTo(3);
        assertThat(before).isPositive();
        assertThat(ann + bob + cat).isPositive();
    }

    @Test
    void aWaitUntilAWeekdayAndTimeInTheContactsOwnZone() {
        JourneyView journey = journeys.create(new NewJourney("Monday 9am", Trigger.tagAdded("news"),
                List.of(new JourneyStep.WaitUntil(Set.of(DayOfWeek.MONDAY), LocalTime.of(9, 0)),
                        new JourneyStep.Send(welcome, "Welcome")),
                "Europe/Berlin"), Actor.system());
        contact(contacts, "ny@example.net", Map.of("time_zone", "America/New_York"), "news");
        contact(contacts, "berlin@example.net", Map.of(), "news");

        engine.work(Duration.ofSeconds(30));
        // Monday 09:00 UTC: 10:00 in Berlin (past 9, so next week), 04:00 in New York
        assertThat(
                jdbc.queryForList("SELECT next_run_at FROM journey_enrolment e JOIN contact c ON c.id = e.contact_id "
                        + "ORDER BY c.email", Timestamp.class))
            .extracting(Timestamp::toInstant)
            .containsExactly(Instant.parse("2026-12-07T08:00:00Z"), Instant.parse("2026-11-30T14:00:00Z"));

        clock.set(Instant.parse("2026-11-30T13:59:00Z"));
        engine.work(Duration.ofSeconds(30));
        assertThat(SENT).isEmpty();
        clock.set(Instant.parse("2026-11-30T14:00:00Z"));
        engine.work(Duration.ofSeconds(30));
        assertThat(SENT).extracting(m -> m.to()).containsExactly("ny@example.net");
        assertThat(journeys.stats(journey.id(), null).steps().get(0).waiting()).isEqualTo(1);
    }

    @Test
    void contactsInFlightFinishTheVersionTheyStartedWhileNewOnesTakeTheNewOne() {
        long tips2 = template(templates, "Tips2");
        JourneyView v1 = journeys.create(
                new NewJourney("Versions", Trigger.tagAdded("v"), List.of(new JourneyStep.Send(welcome, "Welcome"),
                        new JourneyStep.Wait(Duration.ofDays(1)), new JourneyStep.Send(tips, "Tips")), null),
                Actor.system());
        contact(contacts, "old@example.net", Map.of(), "v");
        engine.work(Duration.ofSeconds(30));

        JourneyView v2 = journeys.edit(v1.id(), List.of(new JourneyStep.Send(tips2, "Tips2")), Actor.system());
        assertThat(v2.version()).isEqualTo(2);
        assertThat(v2.steps()).hasSize(1);
        contact(contacts, "new@example.net", Map.of(), "v");
        clock.advance(Duration.ofDays(1));
        engine.work(Duration.ofSeconds(30));

        assertThat(sentTo("old@example.net", "Welcome")).isEqualTo(1);
        assertThat(sentTo("old@example.net", "Tips for")).isEqualTo(1);
        assertThat(sentTo("old@example.net", "Tips2")).isZero();
        assertThat(sentTo("new@example.net", "Tips2")).isEqualTo(1);
        assertThat(sentTo("new@example.net", "Welcome")).isZero();
        assertThat(journeys.stats(v1.id(), 1).steps().get(2).sent()).isEqualTo(1);
        assertThat(journeys.stats(v1.id(), 2).steps().get(0).sent()).isEqualTo(1);
    }

    @Test
    void aPausedJourneyEnrolsButNobodyMovesOnUntilItResumes() {
        JourneyView j = trialJourney();
        journeys.pause(j.id(), Actor.system());
        contact(contacts, "p@example.net", Map.of(), "trial");
        engine.work(Duration.ofSeconds(30));
        assertThat(SENT).isEmpty();
        assertThat(journeys.stats(j.id(), null).inFlight()).isEqualTo(1);
        assertThatThrownBy(() -> journeys.pause(j.id(), Actor.system())).hasMessageContaining("is paused");

        journeys.resume(j.id(), Actor.system());
        engine.work(Duration.ofSeconds(30));
        assertThat(SENT).extracting(m -> m.to()).containsExactly("p@example.net");
    }

    @Test
    void suppressionIsCheckedAtEachSendNotAtEnrolment() {
        trialJourney();
        contact(contacts, "gone@example.net", Map.of(), "trial");
        contact(contacts, "stays@example.net", Map.of(), "trial");
        suppressions.suppressAddress("gone@example.net", SuppressionReason.MANUAL, "asked", Actor.system());
        engine.work(Duration.ofSeconds(30));
        assertThat(SENT).extracting(m -> m.to()).containsExactly("stays@example.net");
        assertThat(jdbc.queryForObject("SELECT r.outcome FROM journey_step_run r JOIN journey_enrolment e "
                + "ON e.id = r.enrolment_id JOIN contact c ON c.id = e.contact_id JOIN journey_step s ON s.id = r.step_id "
                + "WHERE s.position = 0 AND c.email = ?", String.class, "gone@example.net"))
            .isEqualTo("SKIPPED");
    }

    @Test
    void aCrashRightAfterTheMailLeftNeverSendsItAgain() {
        trialJourney();
        contact(contacts, "crash@example.net", Map.of(), "trial");
        JourneyTestSupport.crashAfterSend = true;
        assertThatThrownBy(() -> engine.runBatch()).isInstanceOf(Error.class);
        JourneyTestSupport.crashAfterSend = false;
        assertThat(SENT).hasSize(1);

        // the restarted instance: nothing happens to the row while its lease runs
        engine.work(Duration.ofSeconds(30));
        assertThat(SENT).hasSize(1);
        assertThat(engine.resolveExpiredLeases()).isZero();

        clock.advance(Duration.ofMinutes(16));
        assertThat(engine.resolveExpiredLeases()).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT outcome FROM journey_step_run", String.class)).isEqualTo("UNKNOWN");
        assertThat(jdbc.queryForObject("SELECT status FROM campaign_recipient", String.class)).isEqualTo("FAILED");
        engine.work(Duration.ofSeconds(30));
        clock.advance(Duration.ofDays(3));
        engine.work(Duration.ofSeconds(30));
        assertThat(sentTo("crash@example.net", "Welcome")).as("never repeated").isEqualTo(1);
        assertThat(sentTo("crash@example.net", "Tips")).as("the journey goes on").isEqualTo(1);
    }

    @Test
    void aCrashAfterTheSendBeganButBeforeTheMailLeftIsRecordedAsUnknownFromTheRecipientRow() {
        trialJourney();
        contact(contacts, "midway@example.net", Map.of(), "trial");
        JourneyTestSupport.crashBeforeSend = true;
        assertThatThrownBy(() -> engine.runBatch()).isInstanceOf(Error.class);
        JourneyTestSupport.crashBeforeSend = false;
        assertThat(SENT).isEmpty();
        // the send had begun: its recipient row is written, its step's run row is not yet
        assertThat(jdbc.queryForObject("SELECT status FROM campaign_recipient", String.class)).isEqualTo("SENDING");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM journey_step_run", Long.class)).isZero();

        engine.work(Duration.ofSeconds(30));
        assertThat(engine.resolveExpiredLeases()).isZero();
        assertThat(SENT).isEmpty();

        clock.advance(Duration.ofMinutes(16));
        assertThat(engine.resolveExpiredLeases()).isEqualTo(1);
        long recipient = jdbc.queryForObject("SELECT id FROM campaign_recipient", Long.class);
        assertThat(jdbc.queryForMap("SELECT outcome, recipient_id FROM journey_step_run"))
            .containsEntry("outcome", "UNKNOWN")
            .containsEntry("recipient_id", recipient);
        assertThat(jdbc.queryForObject("SELECT status FROM campaign_recipient", String.class)).isEqualTo("FAILED");
        assertThat(jdbc.queryForMap("SELECT status, position, last_recipient_id FROM journey_enrolment"))
            .containsEntry("status", "WAITING")
            .containsEntry("position", 1)
            .containsEntry("last_recipient_id", recipient);
        engine.work(Duration.ofSeconds(30));
        clock.advance(Duration.ofDays(3));
        engine.work(Duration.ofSeconds(30));
        assertThat(sentTo("midway@example.net", "Welcome")).as("an unknown outcome is never repeated").isZero();
        assertThat(sentTo("midway@example.net", "Tips")).as("the journey goes on").isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM campaign_recipient", Long.class)).isEqualTo(2);
    }

    /**
     * The 1,000,000-contact benchmark's kill -9 found it: with no statistics on the
     * recipient rows yet (the table was analysed while empty), the planner took the
     * campaign's key for the resolver's join and scanned every recipient of the campaign
     * for each enrolment of the claim left behind. Staged here: 20,000 recipient rows of
     * the same campaign over 50 contacts and no statistics (a delete from pg_statistic:
     * the test database's user must be a superuser, as CI's postgres is; otherwise the
     * test is skipped).
     */
    @Test
    void aClaimLeftBehindFindsItsBegunSendsByContactEvenWithoutStatistics() {
        assumeTrue(TestDatabase.postgres(), "the plan is PostgreSQL's");
        assumeTrue(jdbc.queryForObject("SELECT rolsuper FROM pg_roles WHERE rolname = current_user", Boolean.class),
                "only a superuser can drop a table's statistics");
        trialJourney();
        contact(contacts, "midway@example.net", Map.of(), "trial");
        JourneyTestSupport.crashBeforeSend = true;
        assertThatThrownBy(() -> engine.runBatch()).isInstanceOf(Error.class);
        JourneyTestSupport.crashBeforeSend = false;
        long campaign = jdbc.queryForObject("SELECT campaign_id FROM campaign_recipient", Long.class);
        jdbc.update("INSERT INTO contact (email, status, created_at, updated_at) "
                + "SELECT 'c' || g || '@bulk.example', 'ACTIVE', now(), now() FROM generate_series(1, 50) g");
        jdbc.update(
                "INSERT INTO campaign_recipient (campaign_id, contact_id, email, status, attempts, created_at) "
                        + "SELECT ?, c.id, 'r' || g || '.' || c.id || '@bulk.example', 'SENT', 1, now() "
                        + "FROM generate_series(1, 400) g CROSS JOIN contact c WHERE c.email LIKE '%@bulk.example'",
                campaign);
        jdbc.update("DELETE FROM pg_statistic WHERE starelid = 'campaign_recipient'::regclass");
        Map<String, Object> claim = jdbc.queryForMap("SELECT claim_token, enrolment_ids FROM journey_claim");
        String ids = (String) claim.get("enrolment_ids");
        List<Object> args = new java.util.ArrayList<>(List.of(claim.get("claim_token")));
        for (String id : ids.split(",")) {
            args.add(Long.parseLong(id));
        }

        String plan = String.join("\n", jdbc.queryForList(
                "EXPLAIN SELECT r.id " + EnrolmentStore.begunSends(args.size() - 1), String.class, args.toArray()));
        assertThat(plan).contains("ix_campaign_recipient_contact").doesNotContain("uq_campaign_recipient_email");
        clock.advance(Duration.ofMinutes(16));
        assertThat(engine.resolveExpiredLeases()).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT outcome FROM journey_step_run", String.class)).isEqualTo("UNKNOWN");
    }

    @Test
    void aWorkerThatDiedRightAfterItsClaimLeavesNothingLostOrRepeated(@Autowired EnrolmentStore store,
            @Autowired SqlDialect dialect) {
        trialJourney();
        contact(contacts, "early@example.net", Map.of(), "trial");
        // a worker claimed the contact and died before it did anything else
        List<ClaimedEnrolment> claims = store.claim(10);
        assertThat(claims).hasSize(1);
        engine.work(Duration.ofSeconds(30));
        assertThat(SENT).isEmpty();

        clock.advance(Duration.ofMinutes(16));
        assertThat(engine.resolveExpiredLeases()).isEqualTo(1);
        engine.work(Duration.ofSeconds(30));
        String outcome = jdbc.queryForObject("SELECT outcome FROM journey_step_run r JOIN journey_step s "
                + "ON s.id = r.step_id WHERE s.position = 0", String.class);
        if (dialect == SqlDialect.POSTGRESQL) {
            // the claiming statement itself began the send (wrote its recipient row):
            // whether
            // the mail left is unknown to the resolver, so it is never sent again
            assertThat(claims.get(0).begun()).isTrue();
            assertThat(claims.get(0).recipientId()).isNotNull();
            assertThat(outcome).isEqualTo("UNKNOWN");
            assertThat(sentTo("early@example.net", "Welcome")).isZero();
            assertThat(jdbc.queryForObject("SELECT status FROM campaign_recipient", String.class)).isEqualTo("FAILED");
        }
        else {
            // H2 begins the send after the claim: nothing was written, the step runs
            // again
            assertThat(claims.get(0).begun()).isFalse();
            assertThat(outcome).isEqualTo("SENT");
            assertThat(sentTo("early@example.net", "Welcome")).as("not lost, sent once").isEqualTo(1);
        }
        clock.advance(Duration.ofDays(3));
        engine.work(Duration.ofSeconds(30));
        assertThat(sentTo("early@example.net", "Tips")).as("the journey goes on").isEqualTo(1);
    }

    @Test
    void anImportEnrolsItsContactsInOneSetAndNobodyFromBefore() {
        long old = contact(contacts, "old@example.net", Map.of());
        journeys.create(new NewJourney("New people", Trigger.contactCreated(),
                List.of(new JourneyStep.Send(welcome, "Welcome")), null), Actor.system());
        Timestamp now = Timestamp.from(clock.instant());
        for (int i = 0; i < 30; i++) {
            jdbc.update("INSERT INTO contact (email, attributes, status, created_at, updated_at, last_import_id) "
                    + "VALUES (?, '{}', 'ACTIVE', ?, ?, 77)", "imported" + i + "@example.net", now, now);
        }
        jdbc.update("UPDATE contact SET last_import_id = 77 WHERE id = ?", old); // updated
                                                                                 // by the
                                                                                 // import
        tx.executeWithoutResult(
                s -> events.publishEvent(new ImportEvent.Finished(77, null, "list.csv", 30, 1, 0, 0, false, null)));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM journey_enrolment", Long.class)).isEqualTo(30);
        engine.work(Duration.ofSeconds(30));
        assertThat(SENT).hasSize(30);
        assertThat(sentTo("old@example.net", "")).isZero();
    }

    @Test
    void aDateAttributeEnrolsOnceOnTheRightDayAndASignupEnrolsAtOnce() {
        journeys.create(new NewJourney("Renewal", Trigger.dateAttribute("renewal_date", 7),
                List.of(new JourneyStep.Send(welcome, "Welcome")), "UTC"), Actor.system());
        journeys.create(new NewJourney("Signed up", Trigger.signupConfirmed(),
                List.of(new JourneyStep.Send(tips, "Tips")), "UTC"), Actor.system());
        contact(contacts, "due@example.net", Map.of("renewal_date", "2026-12-07"));
        contact(contacts, "later@example.net", Map.of("renewal_date", "2026-12-08"));
        assertThat(triggers.sweepDates()).isEqualTo(1);
        assertThat(triggers.sweepDates()).as("once a day").isZero();
        long signedUp = contact(contacts, "form@example.net", Map.of());
        tx.executeWithoutResult(s -> events.publishEvent(new SignupConfirmed(signedUp, 1)));
        engine.work(Duration.ofSeconds(30));
        assertThat(SENT).extracting(m -> m.to() + " " + m.subject())
            .containsExactlyInAnyOrder("due@example.net Welcome for Name", "form@example.net Tips for Name");

        clock.advance(Duration.ofDays(1));
        assertThat(triggers.sweepDates()).isEqualTo(1);
        engine.work(Duration.ofSeconds(30));
        assertThat(sentTo("later@example.net", "Welcome")).isEqualTo(1);
        assertThat(sentTo("due@example.net", "Welcome")).isEqualTo(1);
    }

    /** "On their birthday send Welcome, and Tips the day after", two years running. */
    @Test
    void aYearlyDateEnrolsAgainEachYearAndEachStepMailsOncePerYear() {
        journeys.create(new NewJourney("Birthday", Trigger.dateAttribute("birthday", 0),
                List.of(new JourneyStep.Send(welcome, "Welcome"), new JourneyStep.Wait(Duration.ofDays(1)),
                        new JourneyStep.Send(tips, "Tips")),
                "UTC"), Actor.system());
        contact(contacts, "born@example.net", Map.of("birthday", "1990-12-01"));
        contact(contacts, "renews@example.net", Map.of("birthday", "2027-12-01"));
        contact(contacts, "other@example.net", Map.of("birthday", "1990-12-02"));

        clock.set(Instant.parse("2026-12-01T06:00:00Z"));
        assertThat(triggers.sweepDates()).isEqualTo(1);
        engine.work(Duration.ofSeconds(30));
        // a second sweep of the same day (another instance, a restart) enrols nobody
        // again
        jdbc.update("UPDATE journey SET swept_on = NULL");
        assertThat(triggers.sweepDates()).isEqualTo(1);
        engine.work(Duration.ofSeconds(30));
        clock.advance(Duration.ofDays(1));
        engine.work(Duration.ofSeconds(30));
        assertThat(SENT).extracting(m -> m.to() + " " + m.subject())
            .containsExactly("born@example.net Welcome for Name", "born@example.net Tips for Name");

        clock.set(Instant.parse("2027-12-01T06:00:00Z"));
        assertThat(triggers.sweepDates()).isEqualTo(1);
        engine.work(Duration.ofSeconds(30));
        jdbc.update("UPDATE journey SET swept_on = NULL");
        triggers.sweepDates();
        clock.advance(Duration.ofDays(1));
        engine.work(Duration.ofSeconds(30));
        assertThat(sentTo("born@example.net", "Welcome")).as("once a year").isEqualTo(2);
        assertThat(sentTo("born@example.net", "Tips")).isEqualTo(2);
        assertThat(sentTo("renews@example.net", "Welcome")).as("from its own year on").isEqualTo(1);
        assertThat(sentTo("renews@example.net", "Tips")).isEqualTo(1);
        assertThat(sentTo("other@example.net", "Welcome")).isZero();
        assertThat(
                jdbc.queryForList("SELECT e.occurrence FROM journey_enrolment e JOIN contact c ON c.id = e.contact_id "
                        + "WHERE c.email = 'born@example.net' ORDER BY e.occurrence", String.class))
            .containsExactly("2026-12-01", "2027-12-01");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM journey_step_run WHERE outcome = 'SENT'", Long.class))
            .isEqualTo(6);
    }

    @Test
    void aContactStillOnItsWayFromLastYearSkipsThisYearsDate() {
        journeys.create(new NewJourney("Renewal", Trigger.dateAttribute("renewal_date", 0),
                List.of(new JourneyStep.Send(welcome, "Welcome"), new JourneyStep.Wait(Duration.ofDays(365)),
                        new JourneyStep.Send(tips, "Tips")),
                "UTC"), Actor.system());
        contact(contacts, "slow@example.net", Map.of("renewal_date", "2026-12-01"));
        clock.set(Instant.parse("2026-12-01T06:00:00Z"));
        triggers.sweepDates();
        engine.work(Duration.ofSeconds(30));

        // a year later, an hour before last year's wait is over
        clock.set(Instant.parse("2027-12-01T05:00:00Z"));
        assertThat(triggers.sweepDates()).isEqualTo(1);
        engine.work(Duration.ofSeconds(30));
        assertThat(sentTo("slow@example.net", "Welcome")).as("last year's run is still waiting").isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM journey_enrolment", Long.class)).isEqualTo(1);

        clock.set(Instant.parse("2027-12-01T07:00:00Z"));
        engine.work(Duration.ofSeconds(30));
        assertThat(sentTo("slow@example.net", "Tips")).isEqualTo(1);
        assertThat(sentTo("slow@example.net", "Welcome")).as("this year's date was skipped").isEqualTo(1);
        clock.set(Instant.parse("2028-12-01T06:00:00Z"));
        triggers.sweepDates();
        engine.work(Duration.ofSeconds(30));
        assertThat(sentTo("slow@example.net", "Welcome")).as("done by then: enters again").isEqualTo(2);
    }

    @Test
    void aBirthdayOnTheTwentyNinthOfFebruaryComesRoundOnTheTwentyEighthInOtherYears() {
        journeys.create(new NewJourney("Birthday", Trigger.dateAttribute("birthday", 0),
                List.of(new JourneyStep.Send(welcome, "Welcome")), "UTC"), Actor.system());
        contact(contacts, "leap@example.net", Map.of("birthday", "2000-02-29"));
        clock.set(Instant.parse("2027-02-28T06:00:00Z"));
        triggers.sweepDates();
        engine.work(Duration.ofSeconds(30));
        clock.set(Instant.parse("2028-02-28T06:00:00Z"));
        triggers.sweepDates();
        engine.work(Duration.ofSeconds(30));
        assertThat(sentTo("leap@example.net", "Welcome")).isEqualTo(1);
        clock.set(Instant.parse("2028-02-29T06:00:00Z"));
        triggers.sweepDates();
        engine.work(Duration.ofSeconds(30));
        assertThat(sentTo("leap@example.net", "Welcome")).isEqualTo(2);
    }

    @Test
    void mistakesAreRefusedWithTheStepThatIsWrong() {
        assertThatThrownBy(() -> journeys.create(new NewJourney("Bad", Trigger.tagAdded("x"),
                List.of(new JourneyStep.Branch(Engagement.OPENED, null, null)), null), Actor.system()))
            .hasMessageContaining("no mail is sent before it");
        assertThatThrownBy(
                () -> journeys.create(new NewJourney("Loop", Trigger.tagAdded("x"),
                        List.of(new JourneyStep.Send(welcome, "Welcome"),
                                new JourneyStep.Branch(Engagement.OPENED, 0, null)),
                        null), Actor.system()))
            .hasMessageContaining("later step");
        assertThatThrownBy(() -> journeys.create(
                new NewJourney("Zone", Trigger.tagAdded("x"), List.of(new JourneyStep.End()), "Mars/Base"),
                Actor.system()))
            .hasMessageContaining("not a time zone");
    }

    @Test
    void aClaimLeftBehindIsResolvedExactlyOnceAndALiveClaimIsLeftAlone(@Autowired EnrolmentStore store,
            @Autowired SqlDialect dialect) {
        trialJourney();
        contact(contacts, "a@example.net", Map.of(), "trial");
        contact(contacts, "b@example.net", Map.of(), "trial");
        // a worker claimed two contacts and died
        List<ClaimedEnrolment> dead = store.claim(10);
        assertThat(dead).hasSize(2);
        // the claim changed no indexed column: the enrolments stay WAITING, held by the
        // token, and the lease is one row for the claim
        assertThat(jdbc.queryForList("SELECT status FROM journey_enrolment WHERE claim_token = ?", String.class,
                dead.get(0).claimToken()))
            .containsExactly("WAITING", "WAITING");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM journey_claim", Long.class)).isEqualTo(1);
        engine.work(Duration.ofSeconds(30));
        assertThat(SENT).as("held enrolments are not claimed again").isEmpty();

        clock.advance(Duration.ofMinutes(10));
        long c = contact(contacts, "c@example.net", Map.of(), "trial");
        List<ClaimedEnrolment> alive = store.claim(10);
        assertThat(alive).extracting(ClaimedEnrolment::contactId).containsExactly(c);

        clock.advance(Duration.ofMinutes(6)); // the first claim's lease ran out, not the
                                              // second's
        assertThat(engine.resolveExpiredLeases()).isEqualTo(2);
        assertThat(engine.resolveExpiredLeases()).as("resolved once").isZero();
        assertThat(
                jdbc.queryForObject("SELECT claim_token FROM journey_enrolment WHERE contact_id = ?", String.class, c))
            .isEqualTo(alive.get(0).claimToken());
        assertThat(jdbc.queryForList("SELECT claim_token FROM journey_claim", String.class))
            .containsExactly(alive.get(0).claimToken());
        engine.work(Duration.ofSeconds(30));
        assertThat(sentTo("c@example.net", "Welcome")).as("still held by the live claim").isZero();

        clock.advance(Duration.ofMinutes(16));
        assertThat(engine.resolveExpiredLeases()).isEqualTo(1);
        engine.work(Duration.ofSeconds(30));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM journey_claim", Long.class)).isZero();
        // PostgreSQL's claims had begun the sends (unknown: never sent again); H2's had
        // written nothing (sent now, once)
        String expected = dialect == SqlDialect.POSTGRESQL ? "UNKNOWN" : "SENT";
        assertThat(jdbc.queryForList("SELECT r.outcome FROM journey_step_run r JOIN journey_step s "
                + "ON s.id = r.step_id WHERE s.position = 0", String.class))
            .containsExactly(expected, expected, expected);
        for (String email : List.of("a@example.net", "b@example.net", "c@example.net")) {
            assertThat(sentTo(email, "Welcome")).as(email).isEqualTo(dialect == SqlDialect.POSTGRESQL ? 0 : 1);
        }
        assertThat(jdbc.queryForList("SELECT DISTINCT position FROM journey_enrolment", Integer.class))
            .as("every contact went on to the wait")
            .containsExactly(2);
    }

    @Test
    void whenTheStepsCannotBeReadAfterTheClaimBeganSendsTheGroupIsHandedBack(@Autowired SqlDialect dialect) {
        journeys.create(new NewJourney("Broken", Trigger.tagAdded("trial"),
                List.of(new JourneyStep.Send(welcome, "Welcome"),
                        new JourneyStep.WaitUntil(Set.of(DayOfWeek.MONDAY), LocalTime.of(9, 0)),
                        new JourneyStep.Send(tips, "Tips")),
                "UTC"), Actor.system());
        contact(contacts, "a@example.net", Map.of(), "trial");
        contact(contacts, "b@example.net", Map.of(), "trial");
        // a step of the version no longer reads (the claim joins the send step alone)
        jdbc.update("UPDATE journey_step SET until_time = 'never' WHERE kind = 'WAIT_UNTIL'");

        assertThat(engine.runBatch()).isEqualTo(2);
        assertThat(SENT).isEmpty();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM journey_step_run", Long.class)).isZero();
        if (dialect == SqlDialect.POSTGRESQL) {
            // the claim had begun the sends: their recipient rows went and the contacts
            // were handed back, due after the retry delay
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM campaign_recipient", Long.class)).isZero();
            assertThat(jdbc.queryForList(
                    "SELECT next_run_at FROM journey_enrolment WHERE claim_token IS NULL " + "AND status = 'WAITING'",
                    Timestamp.class))
                .extracting(Timestamp::toInstant)
                .containsExactly(JourneyTestSupport.MONDAY.plus(Duration.ofMinutes(1)),
                        JourneyTestSupport.MONDAY.plus(Duration.ofMinutes(1)));
        }
        else {
            // H2's claim began nothing: the claims stay until their lease ends
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM journey_enrolment WHERE claim_token IS NOT NULL",
                    Long.class))
                .isEqualTo(2);
        }

        jdbc.update("UPDATE journey_step SET until_time = '09:00' WHERE kind = 'WAIT_UNTIL'");
        clock.advance(Duration.ofMinutes(16));
        assertThat(engine.resolveExpiredLeases()).isEqualTo(dialect == SqlDialect.POSTGRESQL ? 0 : 2);
        engine.work(Duration.ofSeconds(30));
        assertThat(sentTo("a@example.net", "Welcome")).as("sent once, after all").isEqualTo(1);
        assertThat(sentTo("b@example.net", "Welcome")).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM journey_claim", Long.class)).isZero();
    }

    private List<Instant> due() {
        return jdbc
            .queryForList("SELECT next_run_at FROM journey_due ORDER BY next_run_at, enrolment_id", Timestamp.class)
            .stream()
            .map(Timestamp::toInstant)
            .toList();
    }

    /**
     * V134: the due order is journey_due, a row per enrolment that waits unclaimed: the
     * enrolment's own indexes hold no column a claim or a step changes (so PostgreSQL can
     * write both as HOT updates), and every step keeps the due rows right.
     */
    @Test
    void theDueOrderFollowsEveryStepAndTheEnrolmentsIndexesHoldNothingAStepChanges(@Autowired EnrolmentStore store) {
        trialJourney();
        contact(contacts, "ann@example.net", Map.of(), "trial");
        contact(contacts, "bob@example.net", Map.of(), "trial");
        assertThat(due()).as("enrolled: due now").containsExactly(JourneyTestSupport.MONDAY, JourneyTestSupport.MONDAY);

        List<ClaimedEnrolment> claimed = store.claim(1);
        assertThat(due()).as("a claim takes its due rows").hasSize(1);
        assertThat(jdbc.queryForObject("SELECT enrolment_ids FROM journey_claim", String.class))
            .isEqualTo(String.valueOf(claimed.get(0).id()));
        assertThat(store.claim(10)).as("the other one")
            .extracting(ClaimedEnrolment::id)
            .hasSize(1)
            .doesNotContain(claimed.get(0).id());
        assertThat(due()).isEmpty();
        clock.advance(Duration.ofMinutes(16));
        assertThat(engine.resolveExpiredLeases()).isEqualTo(2);
        assertThat(due()).as("handed back, due now").hasSize(2);
        engine.work(Duration.ofSeconds(30));
        // sent (H2) or unknown (PostgreSQL's claims had begun the sends), then the wait:
        // due three days on
        Instant waited = clock.instant().plus(Duration.ofDays(3));
        assertThat(due()).containsExactly(waited, waited);

        jdbc.update("UPDATE campaign_recipient SET human_click_at = ? WHERE email = 'ann@example.net'",
                Timestamp.from(clock.instant()));
        clock.advance(Duration.ofDays(3));
        engine.work(Duration.ofSeconds(30));
        assertThat(due()).as("both at the end").isEmpty();
        assertThat(jdbc.queryForList("SELECT DISTINCT status FROM journey_enrolment", String.class))
            .containsExactly("DONE");
        assertThat(sentTo("ann@example.net", "Tips")).as("clicked: the branch ends it").isZero();
        assertThat(sentTo("bob@example.net", "Tips")).isEqualTo(1);

        Set<String> indexed = jdbc.execute((java.sql.Connection c) -> {
            Set<String> columns = new java.util.HashSet<>();
            try (java.sql.ResultSet rs = c.getMetaData()
                .getIndexInfo(null, c.getSchema(), "journey_enrolment", false, false)) {
                while (rs.next()) {
                    if (rs.getString("COLUMN_NAME") != null) {
                        columns.add(rs.getString("COLUMN_NAME").toLowerCase(java.util.Locale.ROOT));
                    }
                }
            }
            return columns;
        });
        assertThat(indexed).contains("id", "contact_id")
            .doesNotContainAnyElementsOf(List.of("status", "position", "next_run_at", "claim_token", "claimed_at",
                    "attempts", "last_recipient_id", "finished_at"));
    }

    @Test
    void dueRowsOfAGoneContactAreDroppedByTheClaimAndADeletedJourneyTakesItsDueRows(@Autowired EnrolmentStore store) {
        JourneyView journey = trialJourney();
        contact(contacts, "ann@example.net", Map.of(), "trial");
        long bob = contact(contacts, "bob@example.net", Map.of(), "trial");
        // erased: the enrolment goes with the contact, its due row is left to the claim
        jdbc.update("DELETE FROM contact WHERE email = 'ann@example.net'");
        assertThat(due()).hasSize(2);
        assertThat(store.claim(10)).extracting(ClaimedEnrolment::contactId).containsExactly(bob);
        assertThat(due()).isEmpty();

        // a due row that disagrees with its enrolment (an instance of before V134 moved
        // it on) is dropped: the step is not run before its time
        long cat = contact(contacts, "cat@example.net", Map.of(), "trial");
        jdbc.update("UPDATE journey_enrolment SET next_run_at = ? WHERE contact_id = ?",
                Timestamp.from(clock.instant().plus(Duration.ofDays(3))), cat);
        assertThat(store.claim(10)).isEmpty();
        assertThat(due()).isEmpty();
        assertThat(SENT).isEmpty();

        contact(contacts, "dan@example.net", Map.of(), "trial");
        assertThat(due()).hasSize(1);
        journeys.delete(journey.id(), Actor.system());
        assertThat(due()).isEmpty();
    }

    /**
     * A lease row without its list of enrolments (an instance of before V134 that claimed
     * after the upgrade) is resolved by its token alone.
     */
    @Test
    void aLeaseRowWithoutItsListOfEnrolmentsIsStillResolved(@Autowired EnrolmentStore store,
            @Autowired SqlDialect dialect) {
        trialJourney();
        contact(contacts, "a@example.net", Map.of(), "trial");
        contact(contacts, "b@example.net", Map.of(), "trial");
        assertThat(store.claim(10)).hasSize(2);
        jdbc.update("UPDATE journey_claim SET enrolment_ids = NULL");
        clock.advance(Duration.ofMinutes(16));
        assertThat(engine.resolveExpiredLeases()).isEqualTo(2);
        engine.work(Duration.ofSeconds(30));
        assertThat(jdbc.queryForList("SELECT r.outcome FROM journey_step_run r JOIN journey_step s "
                + "ON s.id = r.step_id WHERE s.position = 0", String.class))
            .containsExactly(dialect == SqlDialect.POSTGRESQL ? "UNKNOWN" : "SENT",
                    dialect == SqlDialect.POSTGRESQL ? "UNKNOWN" : "SENT");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM journey_claim", Long.class)).isZero();
        assertThat(due()).hasSize(2);
    }

}
