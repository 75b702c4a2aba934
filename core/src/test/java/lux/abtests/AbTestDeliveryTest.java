package lux.abtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import lux.audit.Actor;
import lux.campaigns.CampaignService;
import lux.campaigns.CampaignStatus;
import lux.campaigns.CampaignView;
import lux.campaigns.NewCampaign;
import lux.contacts.AudienceFilter;
import lux.contacts.ContactService;
import lux.contacts.NewContact;
import lux.delivery.DeliveryEngine;
import lux.delivery.outbox.OutboxMessage;
import lux.delivery.outbox.OutboxService;
import lux.shared.ConflictException;
import lux.suppression.SuppressionReason;
import lux.suppression.SuppressionService;
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
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A/B tests on the real sending road (outbox transport), on H2 and PostgreSQL: the seeded
 * split, each variant's subject, the winner from a hand-worked fixture of human opens
 * (machine opens do not count), the winner send leaving out the test share and the
 * suppressed, manual choice, and one decision when two callers race.
 */
@DatabaseTest
@SpringBootTest(classes = CoreTestApplication.class,
        properties = { "lux.delivery.enabled=false", "lux.delivery.limits.enabled=false",
                "lux.public-base-url=https://lux.example.com" })
@Import(AbTestDeliveryTest.Clocks.class)
class AbTestDeliveryTest {

    static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-11-30T09:00:00Z"));

    static class Clocks {

        @Bean
        @Primary
        MutableClock abTestClock() {
            return CLOCK;
        }

    }

    @Autowired
    AbTestService abTests;

    @Autowired
    AbDecisions decisions;

    @Autowired
    DeliveryEngine engine;

    @Autowired
    CampaignService campaigns;

    @Autowired
    ContactService contacts;

    @Autowired
    TemplateService templates;

    @Autowired
    SuppressionService suppressions;

    @Autowired
    OutboxService outbox;

    @Autowired
    JdbcTemplate jdbc;

    long template;

    @BeforeEach
    void clean() {
        DatabaseCleaner.clean(jdbc);
        CLOCK.set(Instant.parse("2026-11-30T09:00:00Z"));
        template = templates
            .create(new TemplateContent("ab-base", "Base subject",
                    "<p>Hi {{ contact.first_name }}</p><p><a href=\"https://example.com/x\">x</a></p>", null),
                    Actor.system())
            .id();
        for (int i = 0; i < 100; i++) {
            contacts.create(
                    new NewContact("ab" + i + "@example.net", "N" + i, null, null, Map.of(), Set.of("ab"), "test"),
                    Actor.system());
        }
    }

    @Test
    void theSeededSplitIsEvenExactAndRepeatable() {
        long first = abCampaign("First", 42L, AbMode.AUTO);
        sendTestShare(first);
        Map<Long, Integer> split = split(first);
        assertThat(split).hasSize(20);
        assertThat(split.values().stream().filter(v -> v == 0).count()).isEqualTo(10);
        assertThat(split.values().stream().filter(v -> v == 1).count()).isEqualTo(10);
        assertThat(split).isEqualTo(expectedSplit(42L, 20, 2));
        long second = abCampaign("Second", 42L, AbMode.AUTO);
        sendTestShare(second);
        assertThat(split(second)).isEqualTo(split);
        long other = abCampaign("Other seed", 7L, AbMode.AUTO);
        sendTestShare(other);
        assertThat(split(other).keySet()).isNotEqualTo(split.keySet());
        // each test recipient got its variant's subject, nobody else got anything
        List<OutboxMessage> mails = outbox.list(first, 0, 100);
        assertThat(mails).hasSize(20);
        Map<String, Long> ids = jdbc.query("SELECT email, contact_id FROM campaign_recipient WHERE campaign_id = ?",
                rs -> {
                    Map<String, Long> m = new java.util.HashMap<>();
                    while (rs.next()) {
                        m.put(rs.getString(1), rs.getLong(2));
                    }
                    return m;
                }, first);
        for (OutboxMessage mail : mails) {
            int variant = split.get(ids.get(mail.to()));
            assertThat(mail.subject()).isEqualTo(variant == 0 ? "Last seats" : "Join us Tuesday");
        }
    }

    @Test
    void theWinnerGoesToTheRestOnlyAfterTheWaitAndMachineOpensDoNotCount() {
        long campaign = abCampaign("Winner", 42L, AbMode.AUTO);
        // set up, not sent: the audience of 100 less the share it would give (20% of 100)
        assertThat(abTests.view(campaign).winnerAudience()).isEqualTo(80);
        sendTestShare(campaign);
        // hand-worked fixture: A 10 sent, 1 human open; B 10 sent, 8 human opens, so B
        // leads: pooled 9/20 = 0.45, SE = sqrt(0.45 x 0.55 x 0.2) = 0.22249,
        // z = 0.7 / 0.22249 = 3.146, p = 0.0017. Every A recipient also has a
        // machine open, which must not count.
        openers(campaign, 0, 1);
        openers(campaign, 1, 8);
        jdbc.update("UPDATE campaign_recipient SET first_open_at = ? WHERE campaign_id = ? AND variant = 0",
                java.sql.Timestamp.from(CLOCK.instant()), campaign);
        AbTestView before = abTests.view(campaign);
        assertThat(before.winnerAudience()).isEqualTo(80); // 100 - the 20 drawn
        assertThat(before.verdict().leader()).isEqualTo(1);
        assertThat(before.verdict().pValue()).isBetween(0.0016, 0.0017);
        assertThat(before.verdict().tooClose()).isFalse();
        CLOCK.advance(Duration.ofHours(3).plusMinutes(59));
        assertThat(decisions.decideDue()).isZero();
        Set<Long> testContacts = split(campaign).keySet();
        assertThat(abTests.winnerAudience(campaign)).isEqualTo(80); // 100 - 20 tested
        suppressions.suppressAddress(restEmail(testContacts), SuppressionReason.MANUAL, "test", Actor.system());
        // a test recipient gone from the audience is not taken off twice
        suppressions.suppressAddress(jdbc.queryForObject("SELECT email FROM contact WHERE id = ?", String.class,
                testContacts.iterator().next()), SuppressionReason.MANUAL, "test", Actor.system());
        assertThat(abTests.winnerAudience(campaign)).isEqualTo(79);
        CLOCK.advance(Duration.ofMinutes(1));
        assertThat(decisions.decideDue()).isEqualTo(1);
        assertThat(decisions.decideDue()).isZero(); // once

        AbTestView decided = abTests.view(campaign);
        assertThat(decided.status()).isEqualTo(AbTestStatus.DECIDED);
        assertThat(decided.winnerLabel()).isEqualTo("B");
        assertThat(decided.decision()).startsWith("LUX picked B. B wins:");
        long winner = decided.winnerCampaignId();
        assertThat(campaigns.get(winner).status()).isEqualTo(CampaignStatus.SCHEDULED);
        engine.startDueCampaigns();
        while (engine.runBatch(winner)) {
            // until every recipient is final
        }
        assertThat(campaigns.get(winner).status()).isEqualTo(CampaignStatus.SENT);
        List<OutboxMessage> mails = outbox.list(winner, 0, 200);
        assertThat(mails).hasSize(79); // 100 - 20 tested - 1 suppressed
        assertThat(mails).allMatch(m -> m.subject().equals("Join us Tuesday"));
        Set<Long> winnerContacts = new HashSet<>(jdbc
            .queryForList("SELECT contact_id FROM campaign_recipient WHERE campaign_id = ?", Long.class, winner));
        assertThat(winnerContacts).doesNotContainAnyElementsOf(testContacts).hasSize(79);
    }

    @Test
    void inManualModeLuxWaitsForAPersonsChoice() {
        long campaign = abCampaign("Manual", 3L, AbMode.MANUAL);
        sendTestShare(campaign);
        openers(campaign, 1, 5);
        CLOCK.advance(Duration.ofHours(4));
        assertThat(decisions.decideDue()).isEqualTo(1);
        AbTestView waiting = abTests.view(campaign);
        assertThat(waiting.status()).isEqualTo(AbTestStatus.AWAITING_CHOICE);
        assertThat(waiting.winnerCampaignId()).isNull();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM campaign", Long.class)).isEqualTo(1L);

        AbTestView chosen = abTests.chooseWinner(campaign, "A", new Actor(null, "Mia", lux.audit.Channel.CONSOLE));
        assertThat(chosen.status()).isEqualTo(AbTestStatus.DECIDED);
        assertThat(chosen.winnerLabel()).isEqualTo("A");
        assertThat(chosen.decision()).startsWith("Mia picked A.");
        assertThat(campaigns.get(chosen.winnerCampaignId()).status()).isEqualTo(CampaignStatus.SCHEDULED);
        assertThatThrownBy(() -> abTests.chooseWinner(campaign, "B", Actor.system()))
            .isInstanceOf(ConflictException.class);
    }

    @Test
    void twoInstancesRacingDecideOnce() throws Exception {
        long campaign = abCampaign("Race", 5L, AbMode.AUTO);
        sendTestShare(campaign);
        CLOCK.advance(Duration.ofHours(5));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> runs = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            runs.add(pool.submit(() -> {
                go.await();
                return decisions.decideDue();
            }));
        }
        go.countDown();
        int decided = 0;
        for (Future<Integer> run : runs) {
            decided += run.get();
        }
        pool.shutdown();
        assertThat(decided).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM campaign WHERE name LIKE 'Race (winner%'", Long.class))
            .isEqualTo(1L);
    }

    @Test
    void setUpRefusesWhatCannotBeTested() {
        long id = campaigns.create(new NewCampaign("Bad", template, null, tag()), Actor.system()).id();
        assertThatThrownBy(() -> abTests.setUp(new NewAbTest(id, List.of(NewAbTest.Variant.subject("Only one")), 20,
                AbMetric.OPENS, Duration.ofHours(4), AbMode.AUTO, 1L), Actor.system()))
            .hasMessageContaining("2 to 4 variants");
        assertThatThrownBy(() -> abTests.setUp(new NewAbTest(id,
                List.of(NewAbTest.Variant.subject("A\r\nBcc: x@evil.test"), NewAbTest.Variant.subject("B")), 20,
                AbMetric.OPENS, Duration.ofHours(4), AbMode.AUTO, 1L), Actor.system()))
            .hasMessageContaining("line break");
        assertThatThrownBy(() -> abTests
            .setUp(new NewAbTest(id, List.of(NewAbTest.Variant.subject("A"), NewAbTest.Variant.subject("B")), 80,
                    AbMetric.OPENS, Duration.ofHours(4), AbMode.AUTO, 1L), Actor.system()))
            .hasMessageContaining("between 1% and 50%");
    }

    private long abCampaign(String name, long seed, AbMode mode) {
        CampaignView c = campaigns.create(new NewCampaign(name, template, null, tag()), Actor.system());
        abTests.setUp(new NewAbTest(c.id(),
                List.of(NewAbTest.Variant.subject("Last seats"), NewAbTest.Variant.subject("Join us Tuesday")), 20,
                AbMetric.OPENS, Duration.ofHours(4), mode, seed), Actor.system());
        campaigns.schedule(c.id(), null, null, Actor.system());
        return c.id();
    }

    private void sendTestShare(long campaign) {
        engine.startDueCampaigns();
        while (engine.runBatch(campaign)) {
            // until every test recipient is final
        }
        assertThat(campaigns.get(campaign).status()).isEqualTo(CampaignStatus.SENT);
    }

    /** Contact id to variant, of the campaign's recipients. */
    private Map<Long, Integer> split(long campaign) {
        Map<Long, Integer> split = new java.util.HashMap<>();
        jdbc.query("SELECT contact_id, variant FROM campaign_recipient WHERE campaign_id = ?", rs -> {
            split.put(rs.getLong(1), rs.getInt(2));
        }, campaign);
        return split;
    }

    /** The split worked out in Java from the documented hash, to compare with SQL's. */
    private Map<Long, Integer> expectedSplit(long seed, int size, int variants) {
        List<Long> ids = new ArrayList<>(jdbc.queryForList("SELECT id FROM contact", Long.class));
        long factor = AbTestSplitter.factor(seed);
        ids.sort(Comparator
            .<Long>comparingLong(
                    id -> Math.floorMod(Math.floorMod(id * 2654435761L + seed, 4294967291L) * factor, 4294967291L))
            .thenComparingLong(id -> id));
        Map<Long, Integer> expected = new java.util.HashMap<>();
        for (int rank = 0; rank < size; rank++) {
            expected.put(ids.get(rank), rank % variants);
        }
        return expected;
    }

    private void openers(long campaign, int variant, int how) {
        List<Long> ids = jdbc.queryForList(
                "SELECT id FROM campaign_recipient WHERE campaign_id = ? AND variant = ? ORDER BY id", Long.class,
                campaign, variant);
        for (Long id : ids.subList(0, how)) {
            jdbc.update("UPDATE campaign_recipient SET human_open_at = ?, first_open_at = ? WHERE id = ?",
                    java.sql.Timestamp.from(CLOCK.instant()), java.sql.Timestamp.from(CLOCK.instant()), id);
        }
    }

    private String restEmail(Set<Long> testContacts) {
        return jdbc.queryForList("SELECT id, email FROM contact ORDER BY id")
            .stream()
            .filter(r -> !testContacts.contains(((Number) r.get("id")).longValue()))
            .map(r -> (String) r.get("email"))
            .findFirst()
            .orElseThrow();
    }

    private static AudienceFilter tag() {
        return new AudienceFilter(Set.of("ab"), Set.of(), Set.of());
    }

}
