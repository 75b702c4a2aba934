package lux.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lux.campaigns.CampaignService;
import lux.campaigns.CampaignStatus;
import lux.campaigns.CampaignView;
import lux.campaigns.RecipientStatus;
import lux.contacts.ContactService;
import lux.delivery.outbox.OutboxMessage;
import lux.delivery.outbox.OutboxService;
import lux.templates.TemplateService;
import lux.testsupport.CoreTestApplication;
import lux.testsupport.DatabaseCleaner;
import lux.testsupport.DatabaseTest;
import lux.tracking.TrackingService;
import lux.tracking.TrafficGauge;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Delivery gives way to opens and clicks on the same instance and still sends every
 * recipient exactly once. Real opens (genuine tokens from the campaign's own mails,
 * through {@link TrackingService}) arrive from another thread while the campaign sends;
 * the thresholds are low so that a single thread makes full pressure. What is asserted is
 * counted (batches, pauses, mails, hits), not timed.
 */
@DatabaseTest
@SpringBootTest(classes = CoreTestApplication.class,
        properties = { "lux.delivery.enabled=false", "lux.delivery.batch-size=5", "lux.delivery.parallel-batches=2",
                "lux.delivery.limits.enabled=false", "lux.public-base-url=https://lux.example.com",
                "lux.mail.postal-address=Example Ltd, 1 Main St, Berlin", "lux.delivery.yield-to-tracking.from=5",
                "lux.delivery.yield-to-tracking.full=50", "lux.delivery.yield-to-tracking.min-share=0.5",
                "lux.delivery.yield-to-tracking.window=200ms", "lux.delivery.yield-to-tracking.max-pause=100ms",
                // five readers' mails stand for a crowd: every hit counts here (the
                // once-per-second cap on a token is TrafficGaugeTest's and
                // PublicRoutesTest's)
                "lux.tracking.count-token-once-per=0s" })
class TrackingUnderSendTest {

    private static final Pattern OPEN = Pattern.compile("https://lux\\.example\\.com/t/o/([A-Za-z0-9._~-]+)");

    @Autowired
    DeliveryEngine engine;

    @Autowired
    CampaignService campaigns;

    @Autowired
    ContactService contacts;

    @Autowired
    TemplateService templates;

    @Autowired
    OutboxService outbox;

    @Autowired
    TrackingService tracking;

    @Autowired
    TrafficGauge traffic;

    @Autowired
    JdbcTemplate jdbc;

    @BeforeEach
    void clean() {
        DatabaseCleaner.clean(jdbc);
    }

    @Test
    void deliveryPausesForOpensAndStillSendsEveryoneOnceThenResumesAtFullSpeed() throws Exception {
        DeliveryFixture.contacts(contacts, "busy", 60, "busy");
        long template = DeliveryFixture.template(templates, "busy");
        CampaignView busy = DeliveryFixture.scheduledNow(campaigns, template, "Busy", "busy", null);
        assertThat(engine.startDueCampaigns()).isEqualTo(1);
        // the first batch goes out before any traffic: its mails carry the open pixels
        // readers will load
        List<String> tokens = firstBatchOpenTokens(busy.id());
        assertThat(tokens).hasSize(5);

        DeliveryYield yielding = engine.yielding();
        long yieldedBefore = yielding.yielded();
        long hitsBefore = traffic.total();
        AtomicBoolean sending = new AtomicBoolean(true);
        AtomicLong opens = new AtomicLong();
        Thread readers = new Thread(() -> {
            int i = 0;
            while (sending.get()) {
                assertThat(tracking.open(tokens.get(i++ % tokens.size()), "Mozilla/5.0", false)).isTrue();
                opens.incrementAndGet();
                try {
                    Thread.sleep(1); // up to 1,000 opens/s: far above full (50/s)
                }
                catch (InterruptedException e) {
                    return;
                }
            }
        }, "readers");
        readers.start();
        // the readers are opening before the batches go: the policy sees them from the
        // first batch on
        while (yielding.pressure(yielding.rate()) < 1) {
            Thread.sleep(5);
        }
        try {
            engine.work(Duration.ofSeconds(60));
        }
        finally {
            sending.set(false);
            readers.join();
        }

        // never lost, never sent twice
        CampaignView done = campaigns.get(busy.id());
        assertThat(done.status()).isEqualTo(CampaignStatus.SENT);
        assertThat(done.sentCount()).isEqualTo(60);
        assertThat(campaigns.recipientCounts(busy.id())).containsEntry(RecipientStatus.SENT, 60L)
            .containsEntry(RecipientStatus.PENDING, 0L)
            .containsEntry(RecipientStatus.SENDING, 0L)
            .containsEntry(RecipientStatus.FAILED, 0L);
        assertThat(
                jdbc.queryForObject("SELECT count(*) FROM outbox_message WHERE campaign_id = ?", Long.class, busy.id()))
            .isEqualTo(60);
        assertThat(jdbc.queryForObject("SELECT count(DISTINCT recipient_id) FROM outbox_message WHERE campaign_id = ?",
                Long.class, busy.id()))
            .isEqualTo(60);
        // every open was counted by the gauge, and delivery paused after its batches: 11
        // batches were left, each loop's last (empty) claim sends nothing and does not
        // pause
        assertThat(traffic.total() - hitsBefore).isEqualTo(opens.get()).isPositive();
        assertThat(yielding.yielded() - yieldedBefore).isGreaterThanOrEqualTo(11);

        // the readers are gone: once the window has passed, the next campaign goes at
        // full
        // speed, with no pause at all
        while (yielding.rate() > 0) {
            Thread.sleep(20);
        }
        DeliveryFixture.contacts(contacts, "quiet", 30, "quiet");
        CampaignView quiet = DeliveryFixture.scheduledNow(campaigns, template, "Quiet", "quiet", null);
        long yieldedAfterBusy = yielding.yielded();
        assertThat(engine.startDueCampaigns()).isEqualTo(1);
        engine.work(Duration.ofSeconds(60));
        assertThat(campaigns.get(quiet.id()).status()).isEqualTo(CampaignStatus.SENT);
        assertThat(campaigns.get(quiet.id()).sentCount()).isEqualTo(30);
        assertThat(yielding.yielded()).isEqualTo(yieldedAfterBusy);
    }

    @Test
    void aFloodOfMadeUpTokensDoesNotSlowDeliveryGenuineOpensDo() throws Exception {
        DeliveryFixture.contacts(contacts, "attacked", 60, "attacked");
        long template = DeliveryFixture.template(templates, "attacked");
        CampaignView attacked = DeliveryFixture.scheduledNow(campaigns, template, "Attacked", "attacked", null);
        assertThat(engine.startDueCampaigns()).isEqualTo(1);
        List<String> genuine = firstBatchOpenTokens(attacked.id());
        // what an outsider can send: genuine tokens with one character changed (not the
        // last, whose low bits base64 may ignore), cut short, or made up
        List<String> junk = genuine.stream().flatMap(t -> {
            int i = t.length() - 3;
            String changed = t.substring(0, i) + (t.charAt(i) == 'A' ? 'B' : 'A') + t.substring(i + 1);
            return java.util.stream.Stream.of(changed, t.substring(1), "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
                    "not-a-token");
        }).toList();

        DeliveryYield yielding = engine.yielding();
        while (yielding.rate() > 0) { // another test's traffic has left the window
            Thread.sleep(20);
        }
        long yieldedBefore = yielding.yielded();
        long hitsBefore = traffic.total();
        AtomicBoolean sending = new AtomicBoolean(true);
        AtomicLong flooded = new AtomicLong();
        AtomicLong accepted = new AtomicLong();
        Thread flood = new Thread(() -> {
            int i = 0;
            while (sending.get()) {
                if (tracking.open(junk.get(i++ % junk.size()), "Mozilla/5.0", false)) {
                    accepted.incrementAndGet();
                }
                flooded.incrementAndGet();
                try {
                    Thread.sleep(1); // up to 1,000 requests/s: far above full (50/s)
                }
                catch (InterruptedException e) {
                    return;
                }
            }
        }, "flood");
        flood.start();
        try {
            while (flooded.get() < 200) { // a full window of flood before the batches go
                Thread.sleep(5);
            }
            assertThat(yielding.rate()).isZero();
            engine.work(Duration.ofSeconds(60));
        }
        finally {
            sending.set(false);
            flood.join();
        }
        assertThat(campaigns.get(attacked.id()).status()).isEqualTo(CampaignStatus.SENT);
        assertThat(campaigns.get(attacked.id()).sentCount()).isEqualTo(60);
        assertThat(flooded.get()).isGreaterThanOrEqualTo(200);
        assertThat(accepted.get()).as("no made-up token was taken for a genuine one").isZero();
        // the flood was not counted, and delivery never paused for it
        assertThat(traffic.total()).isEqualTo(hitsBefore);
        assertThat(yielding.yielded()).isEqualTo(yieldedBefore);
        tracking.flush();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM tracking_event WHERE campaign_id = ?", Long.class,
                attacked.id()))
            .isZero();

        // the same number of genuine opens is counted, and makes delivery give way
        Thread.sleep(50); // the policy's last sample is older than a tenth of the window
        for (int i = 0; i < 200; i++) {
            assertThat(tracking.open(genuine.get(i % genuine.size()), "Mozilla/5.0", false)).isTrue();
        }
        assertThat(traffic.total() - hitsBefore).isEqualTo(200);
        assertThat(yielding.pressure(yielding.rate())).isPositive();
    }

    /**
     * Sends the campaign's first batch and returns its mails' open tokens: what readers
     * will load.
     */
    private List<String> firstBatchOpenTokens(long campaignId) {
        assertThat(engine.runBatch(campaignId)).isTrue();
        return outbox.list(campaignId, 0, 100).stream().map(OutboxMessage::html).map(html -> {
            Matcher m = OPEN.matcher(html);
            assertThat(m.find()).as("an open pixel in %s", html).isTrue();
            return m.group(1);
        }).toList();
    }

}
