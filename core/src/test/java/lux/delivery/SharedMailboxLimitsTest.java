package lux.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import lux.campaigns.CampaignService;
import lux.campaigns.CampaignView;
import lux.campaigns.RecipientStatus;
import lux.contacts.ContactService;
import lux.templates.TemplateService;
import lux.testsupport.CoreTestApplication;
import lux.testsupport.DatabaseCleaner;
import lux.testsupport.DatabaseTest;
import lux.testsupport.MutableClock;
import lux.testsupport.TestDatabase;
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
 * Two whole LUX instances (two Spring contexts, two engines) sending one campaign from
 * one sender mailbox, on one database, with Exchange limits on: together they send no
 * more than the mailbox's minute, day and concurrency allow.
 */
@DatabaseTest
@SpringBootTest(classes = CoreTestApplication.class,
        properties = { "lux.delivery.enabled=false", "lux.delivery.batch-size=10", "lux.delivery.limits.per-minute=5",
                "lux.delivery.limits.per-day=8", "lux.delivery.limits.concurrent=2" })
@Import(SharedMailboxLimitsTest.Instance.class)
class SharedMailboxLimitsTest {

    static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-11-26T09:00:00Z"));
    static final AtomicInteger SENT = new AtomicInteger();
    static final AtomicInteger IN_FLIGHT = new AtomicInteger();
    static final AtomicInteger MOST_IN_FLIGHT = new AtomicInteger();

    /**
     * What both instances share besides the database: the time, and a transport that
     * counts what is in flight.
     */
    static class Instance {

        @Bean
        @Primary
        MutableClock sharedLimitsClock() {
            return CLOCK;
        }

        @Bean
        @Primary
        MailTransport slowCountingTransport() {
            return new MailTransport() {
                @Override
                public String name() {
                    return "slow-counting";
                }

                @Override
                public SendResult send(OutgoingMessage message) {
                    MOST_IN_FLIGHT.accumulateAndGet(IN_FLIGHT.incrementAndGet(), Math::max);
                    try {
                        Thread.sleep(30); // long enough for the other instance's workers
                                          // to want a slot too
                    }
                    catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    finally {
                        IN_FLIGHT.decrementAndGet();
                    }
                    SENT.incrementAndGet();
                    return new SendResult.Sent(message.luxMessageId());
                }
            };
        }

    }

    @Autowired
    DeliveryEngine engine;

    @Autowired
    CampaignService campaigns;

    @Autowired
    ContactService contacts;

    @Autowired
    TemplateService templates;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void twoInstancesTogetherKeepOneMailboxsLimits() throws Exception {
        DatabaseCleaner.clean(jdbc);
        DeliveryFixture.contacts(contacts, "lim", 20, "lim");
        CampaignView campaign = DeliveryFixture.scheduledNow(campaigns, DeliveryFixture.template(templates, "lim"),
                "Limited", "lim", null);
        engine.startDueCampaigns();

        Map<String, Object> props = new HashMap<>();
        props.put("lux.delivery.enabled", "false");
        props.put("lux.delivery.batch-size", "10");
        props.put("lux.delivery.limits.per-minute", "5");
        props.put("lux.delivery.limits.per-day", "8");
        props.put("lux.delivery.limits.concurrent", "2");
        try (ConfigurableApplicationContext second = new SpringApplicationBuilder(CoreTestApplication.class,
                Instance.class)
            .web(WebApplicationType.NONE)
            .initializers(new TestDatabase())
            .properties(props)
            .run()) {
            DeliveryEngine other = second.getBean(DeliveryEngine.class);
            assertThat(other).isNotSameAs(engine);

            // one batch of 10 each first, so both instances certainly try; then both race
            // for the rest
            assertThat(other.runBatch(campaign.id())).isTrue();
            assertThat(engine.runBatch(campaign.id())).isTrue();
            bothWork(engine, other);
            assertThat(SENT.get()).as("09:00: the minute allows 5, for both instances together").isEqualTo(5);

            CLOCK.advance(Duration.ofSeconds(30));
            bothWork(engine, other); // still inside that minute for both instances
            assertThat(SENT.get()).isEqualTo(5);

            CLOCK.advance(Duration.ofSeconds(30));
            bothWork(engine, other); // 09:01: 5 more would fit the minute, but the day
                                     // allows only 8
            assertThat(SENT.get()).isEqualTo(8);
            assertThat(jdbc.queryForList("SELECT DISTINCT last_error FROM campaign_recipient WHERE status = 'PENDING'",
                    String.class))
                .containsExactly("daily sending limit of the sender mailbox reached");

            CLOCK.set(Instant.parse("2026-11-27T00:00:00Z"));
            bothWork(engine, other); // midnight UTC: Exchange's day is 24 hours back from
                                     // each send, so nothing more
            assertThat(SENT.get()).isEqualTo(8);

            CLOCK.set(Instant.parse("2026-11-27T10:00:00Z"));
            bothWork(engine, other); // 09:00's count has left the rolling day: again the
                                     // minute's 5
            assertThat(SENT.get()).isEqualTo(13);
        }
        assertThat(MOST_IN_FLIGHT.get()).as("concurrent requests to the mailbox, both instances together")
            .isBetween(1, 2);
        assertThat(campaigns.recipientCounts(campaign.id())).containsEntry(RecipientStatus.SENT, 13L)
            .containsEntry(RecipientStatus.PENDING, 7L)
            .containsEntry(RecipientStatus.FAILED, 0L);
    }

    /**
     * Both engines send at the same moment on their own threads until neither has
     * anything due.
     */
    private static void bothWork(DeliveryEngine a, DeliveryEngine b) throws Exception {
        ExecutorService two = Executors.newFixedThreadPool(2);
        try {
            CompletableFuture
                .allOf(CompletableFuture.runAsync(() -> a.work(Duration.ofSeconds(30)), two),
                        CompletableFuture.runAsync(() -> b.work(Duration.ofSeconds(30)), two))
                .get();
        }
        finally {
            two.shutdown();
        }
    }

}
