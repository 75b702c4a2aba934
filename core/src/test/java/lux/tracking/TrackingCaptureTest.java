package lux.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lux.audit.Actor;
import lux.campaigns.CampaignService;
import lux.campaigns.NewCampaign;
import lux.contacts.AudienceFilter;
import lux.contacts.ContactService;
import lux.contacts.ContactStatus;
import lux.contacts.NewContact;
import lux.delivery.DeliveryEngine;
import lux.delivery.outbox.OutboxMessage;
import lux.delivery.outbox.OutboxService;
import lux.suppression.SuppressionService;
import lux.templates.TemplateContent;
import lux.templates.TemplateService;
import lux.stats.CampaignStats;
import lux.stats.ContactEngagement;
import lux.stats.StatsService;
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
 * Opens, clicks and unsubscribes from tokens taken out of real sent (outbox) mail,
 * through to the database.
 */
@DatabaseTest
@SpringBootTest(classes = CoreTestApplication.class,
        properties = { "lux.delivery.enabled=false", "lux.delivery.limits.enabled=false",
                "lux.public-base-url=https://lux.example.com" })
@Import(TrackingCaptureTest.Clock.class)
class TrackingCaptureTest {

    static final Instant SENT = Instant.parse("2026-11-26T10:00:00Z");
    static final String CHROME = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36";
    static final Pattern OPEN = Pattern.compile("/t/o/([A-Za-z0-9_-]+)");
    static final Pattern CLICK = Pattern.compile("/t/c/([A-Za-z0-9_-]+)");
    static final Pattern UNSUBSCRIBE = Pattern.compile("/u/([A-Za-z0-9_-]+)");

    static class Clock {

        @Bean
        @Primary
        MutableClock trackingTestClock() {
            return new MutableClock(SENT);
        }

    }

    @Autowired
    TrackingService tracking;

    @Autowired
    StatsService stats;

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

    @Autowired
    MutableClock clock;

    long campaignId;

    Map<String, OutboxMessage> mail = new HashMap<>();

    @BeforeEach
    void send() {
        DatabaseCleaner.clean(jdbc);
        clock.set(SENT);
        for (String name : List.of("human", "scanner", "early", "burst", "noopen", "unsub")) {
            contacts.create(
                    new NewContact(name + "@example.net", name, null, null, Map.of(), java.util.Set.of("t"), "t"),
                    Actor.system());
        }
        long template = templates
            .create(new TemplateContent("t", "Hi",
                    "<p><a href=\"https://example.com/a\">A</a> " + "<a href=\"https://example.com/b\">B</a></p>",
                    null), Actor.system())
            .id();
        campaignId = campaigns
            .create(new NewCampaign("Tracked", template, null, AudienceFilter.anyOf("t")), Actor.system())
            .id();
        campaigns.schedule(campaignId, null, null, Actor.system());
        engine.startDueCampaigns();
        engine.work(Duration.ofSeconds(20));
        outbox.list(campaignId, 0, 100).forEach(m -> mail.put(m.to().replace("@example.net", ""), m));
        assertThat(mail).hasSize(6);
    }

    @Test
    void aClickBurstIsDifferentLinksWithinTheWindowHoweverOftenOneLinkIsClickedAndAcrossBatches() {
        Instant t = SENT.plusSeconds(600);
        clock.set(t);
        assertThat(tracking.open(token(OPEN, "burst", 0), CHROME, false)).isTrue();
        for (int i = 0; i < 5; i++) { // link A five times in 400 ms: one link, human
            clock.set(t.plusMillis(100 * i));
            assertThat(tracking.click(token(CLICK, "burst", 0), CHROME, false)).contains("https://example.com/a");
        }
        tracking.flush(); // the window goes on in the next batch
        clock.set(t.plusMillis(1300)); // A's latest click (400 ms) is still within 1 s
        tracking.click(token(CLICK, "burst", 1), CHROME, false);
        clock.set(t.plusMillis(2500)); // A and the first B (1,300 ms) have left the
                                       // window
        tracking.click(token(CLICK, "burst", 1), CHROME, false);
        tracking.flush();
        clock.set(t.plusMillis(2700));
        tracking.click(token(CLICK, "burst", 0), CHROME, false);
        clock.set(t.plusMillis(5000)); // both gone
        tracking.click(token(CLICK, "burst", 0), CHROME, false);
        tracking.flush();

        assertThat(events("burst")).containsExactly("OPEN:human", "CLICK:human", "CLICK:human", "CLICK:human",
                "CLICK:human", "CLICK:human", "CLICK:clicked-2-links-within-1000ms", "CLICK:human",
                "CLICK:clicked-2-links-within-1000ms", "CLICK:human");
    }

    @Test
    void classifiesHumanAndMachineTrafficAndKeepsExactUniques() {
        clock.set(SENT.plusSeconds(2));
        assertThat(tracking.open(token(OPEN, "early", 0), CHROME, false)).isTrue();
        clock.set(SENT.plusSeconds(600));
        assertThat(tracking.open(token(OPEN, "human", 0), CHROME, false)).isTrue();
        assertThat(tracking.open(token(OPEN, "human", 0), CHROME, false)).isTrue();
        assertThat(tracking.open(token(OPEN, "human", 0), CHROME, true)).as("HEAD is answered").isTrue();
        assertThat(tracking.click(token(CLICK, "human", 0), CHROME, false)).contains("https://example.com/a");
        assertThat(tracking.open(token(OPEN, "scanner", 0),
                "Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)", false))
            .isTrue();
        assertThat(tracking.click(token(CLICK, "noopen", 1), CHROME, false)).contains("https://example.com/b");
        assertThat(tracking.open(token(OPEN, "burst", 0), CHROME, false)).isTrue();
        clock.set(SENT.plusSeconds(700));
        tracking.click(token(CLICK, "burst", 0), CHROME, false);
        clock.set(SENT.plusSeconds(700).plusMillis(300));
        tracking.click(token(CLICK, "burst", 1), CHROME, false);
        tracking.flush();

        assertThat(events("human")).containsExactly("OPEN:human", "OPEN:human", "CLICK:human");
        assertThat(events("early")).containsExactly("OPEN:within-5s-of-delivery");
        assertThat(events("scanner")).containsExactly("OPEN:google-image-proxy");
        assertThat(events("noopen")).containsExactly("CLICK:click-without-open");
        assertThat(events("burst")).containsExactly("OPEN:human", "CLICK:human", "CLICK:clicked-2-links-within-1000ms");

        Map<String, Long> rollup = rollups();
        assertThat(rollup).containsEntry("open.human", 3L)
            .containsEntry("open.machine", 2L)
            .containsEntry("uopen.any", 4L)
            .containsEntry("uopen.human", 2L)
            .containsEntry("click.human", 2L)
            .containsEntry("click.machine", 2L)
            .containsEntry("uclick.any", 3L)
            .containsEntry("uclick.human", 2L)
            .containsEntry("reason.google-image-proxy", 1L)
            .containsEntry("hour.2026-11-26T10.open.human", 3L);
        assertThat(jdbc.queryForObject(
                "SELECT COUNT(*) FROM campaign_recipient WHERE human_open_at IS NOT NULL AND campaign_id = ?",
                Long.class, campaignId))
            .isEqualTo(2L);

        // the same hits, as StatsService reports them (worked out by hand from the calls
        // above)
        CampaignStats s = stats.campaign(campaignId);
        assertThat(s.recipients()).isEqualTo(6);
        assertThat(s.sent()).isEqualTo(6);
        assertThat(s.human()).isEqualTo(new CampaignStats.Engagement(3, 2, 2, 2));
        assertThat(s.machine()).isEqualTo(new CampaignStats.Engagement(2, 2, 2, 1));
        assertThat(s.uniqueOpens()).isEqualTo(4);
        assertThat(s.uniqueClicks()).isEqualTo(3);
        assertThat(s.openRate()).isEqualTo(0.3333);
        assertThat(s.clickThroughRate()).isEqualTo(0.3333);
        assertThat(s.clickToOpenRate()).isEqualTo(1.0);
        assertThat(s.links())
            .extracting(CampaignStats.LinkClicks::url, CampaignStats.LinkClicks::humanClicks,
                    CampaignStats.LinkClicks::machineClicks)
            .containsExactly(org.assertj.core.groups.Tuple.tuple("https://example.com/a", 2L, 0L),
                    org.assertj.core.groups.Tuple.tuple("https://example.com/b", 0L, 2L));
        assertThat(s.timeline())
            .containsExactly(new CampaignStats.HourlyPoint(Instant.parse("2026-11-26T10:00:00Z"), 3, 2, 2, 2));
        long human = contacts.findByEmail("human@example.net").orElseThrow().id();
        assertThat(stats.contact(human)).isEqualTo(new ContactEngagement(human, 1, 1, 1, 100, SENT.plusSeconds(600)));
        long scanner = contacts.findByEmail("scanner@example.net").orElseThrow().id();
        assertThat(stats.contact(scanner)).isEqualTo(new ContactEngagement(scanner, 1, 0, 0, 0, null));
        assertThat(stats.compare(List.of(campaignId))).containsExactly(s);
    }

    @Test
    void forgedTokensWriteNothing() {
        String open = token(OPEN, "human", 0);
        String click = token(CLICK, "human", 0);
        assertThat(tracking.open(open.substring(0, open.length() - 2), CHROME, false)).isFalse();
        assertThat(tracking.open(click, CHROME, false)).isFalse();
        assertThat(tracking.click(click.substring(1), CHROME, false)).isEmpty();
        assertThat(tracking.unsubscribe(open, CHROME)).isEmpty();
        tracking.flush();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM tracking_event", Long.class)).isZero();
        assertThat(contacts.findByEmail("human@example.net").orElseThrow().status()).isEqualTo(ContactStatus.ACTIVE);
    }

    @Test
    void hitsOfARecipientThatIsGoneAreNotStoredAndTheRestOfTheBatchIs() {
        // tracking_event has no foreign key (V62): the writer's recipient read is the
        // only guard against orphans
        String gone = token(OPEN, "noopen", 0);
        jdbc.update("DELETE FROM outbox_message WHERE recipient = 'noopen@example.net'");
        assertThat(jdbc.update("DELETE FROM campaign_recipient WHERE email = 'noopen@example.net'")).isEqualTo(1);
        clock.set(SENT.plusSeconds(600));
        assertThat(tracking.open(gone, CHROME, false)).isTrue(); // the token is genuine;
                                                                 // only the writer knows
                                                                 // the row is gone
        assertThat(tracking.open(token(OPEN, "human", 0), CHROME, false)).isTrue();
        tracking.flush();
        assertThat(jdbc.queryForList(
                "SELECT r.email FROM tracking_event e JOIN campaign_recipient r ON r.id = e.recipient_id",
                String.class))
            .containsExactly("human@example.net");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM tracking_event", Long.class)).isEqualTo(1L);
        assertThat(rollups()).containsEntry("uopen.any", 1L);
    }

    @Test
    void aHostileUserAgentIsStoredAsTextWithoutControlCharacters() {
        clock.set(SENT.plusSeconds(600));
        assertThat(tracking.open(token(OPEN, "human", 0), "Mozilla\\5.0\t(Grüße \uD83D\uDE00)\u0000\nX", false))
            .isTrue();
        tracking.flush();
        assertThat(jdbc.queryForObject("SELECT user_agent FROM tracking_event", String.class))
            .isEqualTo("Mozilla\\5.0 (Grüße \uD83D\uDE00)  X");
    }

    @Test
    void unsubscribingTwiceUnsubscribesOnce() {
        String token = token(UNSUBSCRIBE, "unsub", 0);
        assertThat(tracking.unsubscribeTarget(token)).hasValueSatisfying(t -> {
            assertThat(t.email()).isEqualTo("unsub@example.net");
            assertThat(t.alreadyUnsubscribed()).isFalse();
        });
        assertThat(tracking.unsubscribe(token, CHROME))
            .hasValueSatisfying(t -> assertThat(t.alreadyUnsubscribed()).isFalse());
        assertThat(tracking.unsubscribe(token, CHROME))
            .hasValueSatisfying(t -> assertThat(t.alreadyUnsubscribed()).isTrue());
        assertThat(contacts.findByEmail("unsub@example.net").orElseThrow().status())
            .isEqualTo(ContactStatus.UNSUBSCRIBED);
        assertThat(suppressions.isSuppressed("unsub@example.net")).isTrue();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM tracking_event WHERE kind = 'UNSUBSCRIBE'", Long.class))
            .isEqualTo(1L);
        assertThat(rollups()).containsEntry("unsubscribe", 1L);
    }

    @Test
    void bufferedEventsSurviveAGracefulShutdown() {
        Map<String, Object> props = new HashMap<>();
        props.put("lux.delivery.enabled", "false");
        props.put("lux.tracking.flush-interval", "1h"); // nothing is written before the
                                                        // context closes
        String open = token(OPEN, "human", 0);
        ConfigurableApplicationContext other = new SpringApplicationBuilder(CoreTestApplication.class)
            .web(WebApplicationType.NONE)
            .initializers(new TestDatabase())
            .properties(props)
            .run();
        TrackingService second = other.getBean(TrackingService.class);
        clock.set(SENT.plusSeconds(600));
        for (int i = 0; i < 50; i++) {
            assertThat(second.open(open, CHROME, false)).isTrue();
        }
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM tracking_event", Long.class)).isZero();
        other.close();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM tracking_event WHERE kind = 'OPEN'", Long.class))
            .isEqualTo(50L);
        assertThat(rollups()).containsEntry("uopen.any", 1L);
    }

    @Test
    void aFullBufferMakesTheHitWriteSynchronouslyAndNothingIsDropped() {
        Map<String, Object> props = new HashMap<>();
        props.put("lux.delivery.enabled", "false");
        props.put("lux.tracking.flush-interval", "1h"); // only full-buffer writes happen
                                                        // while the context runs
        props.put("lux.tracking.buffer-capacity", "3");
        String open = token(OPEN, "human", 0);
        clock.set(SENT.plusSeconds(600));
        try (ConfigurableApplicationContext other = new SpringApplicationBuilder(CoreTestApplication.class)
            .web(WebApplicationType.NONE)
            .initializers(new TestDatabase())
            .properties(props)
            .run()) {
            TrackingService second = other.getBean(TrackingService.class);
            for (int i = 0; i < 10; i++) {
                assertThat(second.open(open, CHROME, false)).isTrue();
            }
            // hits 4 and 8 found the buffer full and wrote it together with themselves; 9
            // and 10 wait in the buffer
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM tracking_event WHERE kind = 'OPEN'", Long.class))
                .isEqualTo(8L);
        }
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM tracking_event WHERE kind = 'OPEN'", Long.class))
            .isEqualTo(10L);
        Map<String, Long> rollup = rollups(); // that context has the real clock: human or
                                              // machine depends on the time of day
        assertThat(rollup.getOrDefault("open.human", 0L) + rollup.getOrDefault("open.machine", 0L)).isEqualTo(10L);
        assertThat(rollup).containsEntry("uopen.any", 1L);
    }

    @Test
    void theBufferNeverTakesMoreThanATenthOfTheHeap() {
        assertThat(EventWriter.capacity(100_000, 512L << 20)).isEqualTo(100_000);
        assertThat(EventWriter.capacity(10_000_000, 512L << 20))
            .isEqualTo((512L << 20) / 10 / EventWriter.BYTES_PER_HIT);
    }

    private String token(Pattern pattern, String who, int index) {
        Matcher m = pattern.matcher(mail.get(who).html());
        for (int i = 0; i <= index; i++) {
            assertThat(m.find()).isTrue();
        }
        return m.group(1);
    }

    private List<String> events(String who) {
        return jdbc.queryForList(
                "SELECT e.kind, e.machine_reason FROM tracking_event e JOIN campaign_recipient r ON r.id = e.recipient_id "
                        + "WHERE r.email = ? ORDER BY e.occurred_at, e.id",
                who + "@example.net")
            .stream()
            .map(r -> r.get("kind") + ":" + (r.get("machine_reason") == null ? "human" : r.get("machine_reason")))
            .toList();
    }

    private Map<String, Long> rollups() {
        Map<String, Long> m = new HashMap<>();
        jdbc.queryForList("SELECT metric, total FROM tracking_rollup WHERE campaign_id = ?", campaignId)
            .forEach(r -> m.put((String) r.get("metric"), ((Number) r.get("total")).longValue()));
        return m;
    }

}
