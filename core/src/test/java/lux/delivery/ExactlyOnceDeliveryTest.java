package lux.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import lux.campaigns.CampaignService;
import lux.campaigns.CampaignStatus;
import lux.campaigns.CampaignView;
import lux.campaigns.RecipientStatus;
import lux.contacts.ContactService;
import lux.templates.TemplateService;
import lux.testsupport.CoreTestApplication;
import lux.testsupport.DatabaseCleaner;
import lux.testsupport.DatabaseTest;
import lux.testsupport.MutableClock;
import lux.testsupport.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * At most once, never lost: a worker that dies between claim and record, and two LUX
 * instances sending one campaign from the same database. A counting transport records
 * every send attempt per recipient.
 */
@DatabaseTest
@SpringBootTest(classes = CoreTestApplication.class,
        properties = { "lux.delivery.enabled=false", "lux.delivery.batch-size=10",
                "lux.delivery.limits.enabled=false" })
@Import(ExactlyOnceDeliveryTest.Counting.class)
class ExactlyOnceDeliveryTest {

    static final ConcurrentMap<Long, AtomicInteger> SENDS = new ConcurrentHashMap<>();
    static final ConcurrentMap<Integer, AtomicInteger> PER_INSTANCE = new ConcurrentHashMap<>();

    /**
     * Imported explicitly (not a scanned @TestConfiguration) so other test contexts keep
     * their transport.
     */
    static class Counting {

        /**
         * Its own movable clock: nested test configurations of other classes are no
         * longer scanned in (main 9071c9f).
         */
        @Bean
        @Primary
        MutableClock deliveryTestClock() {
            return new MutableClock(java.time.Instant.parse("2026-11-26T09:00:00Z"));
        }

        @Bean
        @Primary
        MailTransport countingTransport() {
            return new MailTransport() {
                @Override
                public String name() {
                    return "counting";
                }

                @Override
                public SendResult send(OutgoingMessage message) {
                    SENDS.computeIfAbsent(message.recipientId(), id -> new AtomicInteger()).incrementAndGet();
                    PER_INSTANCE.computeIfAbsent(System.identityHashCode(this), id -> new AtomicInteger())
                        .incrementAndGet();
                    try {
                        Thread.sleep(5); // a little like a real send, so both instances
                                         // are busy at the same time
                    }
                    catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return new SendResult.Sent(message.luxMessageId());
                }
            };
        }

    }

    @Autowired
    DeliveryEngine engine;

    @Autowired
    RecipientStore store;

    @Autowired
    CampaignService campaigns;

    @Autowired
    ContactService contacts;

    @Autowired
    TemplateService templates;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MutableClock clock;

    @Autowired
    MailTransport transport;

    @BeforeEach
    void clean() {
        DatabaseCleaner.clean(jdbc);
        SENDS.clear();
        PER_INSTANCE.clear();
    }

    @Test
    void aWorkerKilledMidBatchLosesNobodyAndMailsNobodyTwice() {
        DeliveryFixture.contacts(contacts, "crash", 25, "crash");
        CampaignView campaign = DeliveryFixture.scheduledNow(campaigns, DeliveryFixture.template(templates, "crash"),
                "Crash", "crash", null);
        engine.startDueCampaigns();
        // the doomed worker: claims a batch, sends 4 of its 10 messages, then dies before
        // recording anything
        List<ClaimedRecipient> claimed = store.claim(campaign.id(), 10);
        assertThat(claimed).hasSize(10);
        for (ClaimedRecipient r : claimed.subList(0, 4)) {
            transport.send(new OutgoingMessage(campaign.id(), r.id(), r.luxMessageId(), "a@b.c", r.email(), "s", "h",
                    "t", Map.of(), null));
        }

        // restart: other workers carry on; the dead worker's rows are not touched while
        // its lease runs
        engine.work(Duration.ofSeconds(30));
        assertThat(campaigns.recipientCounts(campaign.id())).containsEntry(RecipientStatus.SENDING, 10L)
            .containsEntry(RecipientStatus.SENT, 15L);
        assertThat(campaigns.get(campaign.id()).status()).isEqualTo(CampaignStatus.SENDING);

        clock.advance(Duration.ofMinutes(16)); // past the 15-minute lease
        assertThat(engine.resolveExpiredLeases()).isEqualTo(10);

        Map<RecipientStatus, Long> counts = campaigns.recipientCounts(campaign.id());
        assertThat(counts).containsEntry(RecipientStatus.SENT, 15L)
            .containsEntry(RecipientStatus.FAILED, 10L)
            .containsEntry(RecipientStatus.PENDING, 0L)
            .containsEntry(RecipientStatus.SENDING, 0L);
        assertThat(jdbc.queryForList("SELECT DISTINCT last_error FROM campaign_recipient WHERE status = 'FAILED'",
                String.class))
            .containsExactly(RecipientStore.UNKNOWN_OUTCOME);
        assertThat(SENDS).hasSize(19); // 15 + the 4 the dead worker got out; the other 6
                                       // were never sent
        assertThat(SENDS.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
        assertThat(campaigns.get(campaign.id()).status()).isEqualTo(CampaignStatus.SENT);
    }

    @Test
    void aLateWorkerCannotOverwriteTheOutcomeOfANewerClaim() {
        DeliveryFixture.contacts(contacts, "late", 1, "late");
        CampaignView campaign = DeliveryFixture.scheduledNow(campaigns, DeliveryFixture.template(templates, "late"),
                "Late", "late", null);
        engine.startDueCampaigns();
        ClaimedRecipient first = store.claim(campaign.id(), 10).get(0);
        clock.advance(Duration.ofMinutes(16)); // the first worker stalls past its lease
        assertThat(store.resolveExpiredLeases(Duration.ofMinutes(15), true)).isEqualTo(1); // queued
                                                                                           // again
                                                                                           // (resend-unknown)
        ClaimedRecipient second = store.claim(campaign.id(), 10).get(0);
        assertThat(second.id()).isEqualTo(first.id());
        assertThat(second.claimToken()).isNotEqualTo(first.claimToken());

        // the stalled worker wakes up and records a failure: the row belongs to the newer
        // claim, so nothing changes
        store.record(List.of(Outcome.failed(first, "late worker's outcome")));
        assertThat(jdbc.queryForMap("SELECT status, last_error FROM campaign_recipient WHERE id = ?", first.id()))
            .containsEntry("STATUS", "SENDING")
            .doesNotContainEntry("LAST_ERROR", "late worker's outcome");

        store.record(List.of(Outcome.sent(second, "provider-2")));
        assertThat(
                jdbc.queryForMap("SELECT status, provider_message_id FROM campaign_recipient WHERE id = ?", first.id()))
            .containsEntry("STATUS", "SENT")
            .containsEntry("PROVIDER_MESSAGE_ID", "provider-2");
        store.record(List.of(Outcome.retry(first, "late worker again", null, 0))); // and
                                                                                   // cannot
                                                                                   // undo
                                                                                   // it
                                                                                   // either
        assertThat(jdbc.queryForObject("SELECT status FROM campaign_recipient WHERE id = ?", String.class, first.id()))
            .isEqualTo("SENT");
    }

    @Test
    void twoInstancesOnOneDatabaseSendEveryRecipientExactlyOnce() throws Exception {
        DeliveryFixture.contacts(contacts, "two", 300, "two");
        CampaignView campaign = DeliveryFixture.scheduledNow(campaigns, DeliveryFixture.template(templates, "two"),
                "Two", "two", null);
        engine.startDueCampaigns();

        Map<String, Object> props = new HashMap<>();
        props.put("lux.delivery.enabled", "false");
        props.put("lux.delivery.batch-size", "10");
        props.put("lux.delivery.limits.enabled", "false");
        props.put("spring.main.allow-bean-definition-overriding", "false");
        try (ConfigurableApplicationContext second = new SpringApplicationBuilder(CoreTestApplication.class,
                Counting.class)
            .web(WebApplicationType.NONE)
            .initializers(new TestDatabase())
            .properties(props)
            .run()) {
            DeliveryEngine other = second.getBean(DeliveryEngine.class);
            assertThat(other).isNotSameAs(engine);
            assertThat(second.getBean(MailTransport.class)).isNotSameAs(transport);
            // one batch each first, so both instances certainly take part; then both race
            // for the rest
            assertThat(other.runBatch(campaign.id())).as("the second instance sees the campaign").isTrue();
            assertThat(engine.runBatch(campaign.id())).as("the first instance sends too").isTrue();
            // own threads: the common pool has a single worker on a 2-core machine and
            // would run them one after the other
            java.util.concurrent.ExecutorService two = java.util.concurrent.Executors.newFixedThreadPool(2);
            try {
                CompletableFuture<Void> a = CompletableFuture.runAsync(() -> engine.work(Duration.ofSeconds(60)), two);
                CompletableFuture<Void> b = CompletableFuture.runAsync(() -> other.work(Duration.ofSeconds(60)), two);
                CompletableFuture.allOf(a, b).get();
            }
            finally {
                two.shutdown();
            }
        }

        assertThat(PER_INSTANCE).as("both instances sent part of the campaign").hasSize(2);
        assertThat(SENDS).hasSize(300);
        assertThat(SENDS.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
        assertThat(campaigns.recipientCounts(campaign.id())).containsEntry(RecipientStatus.SENT, 300L);
        assertThat(campaigns.get(campaign.id()).status()).isEqualTo(CampaignStatus.SENT);
    }

}
