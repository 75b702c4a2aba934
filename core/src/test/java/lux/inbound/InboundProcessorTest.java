package lux.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import lux.campaigns.CampaignService;
import lux.contacts.ContactService;
import lux.contacts.ContactStatus;
import lux.templates.TemplateService;
import lux.testsupport.CoreTestApplication;
import lux.testsupport.DatabaseCleaner;
import lux.testsupport.DatabaseTest;
import lux.tracking.TokenKind;
import lux.tracking.TrackingTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

/** What each kind of message does, once, against the real schema (H2 and PostgreSQL). */
@DatabaseTest
@SpringBootTest(classes = CoreTestApplication.class,
        properties = { "lux.delivery.enabled=false", "lux.inbound.soft-bounce-limit=3" })
@RecordApplicationEvents
class InboundProcessorTest {

    static final String ANN = "ann.lee@fabrikam.example";
    static final String BOB = "bob.stone@fabrikam.example";
    static final String CLEO = "cleo.park@fabrikam.example";
    static final String DANA = "dana.weiss@fabrikam.example";
    static final String ELI = "eli.novak@fabrikam.example";
    static final String FINN = "finn.roberts@fabrikam.example";

    @Autowired
    InboundProcessor processor;

    @Autowired
    TemplateService templates;

    @Autowired
    ContactService contacts;

    @Autowired
    CampaignService campaigns;

    @Autowired
    TrackingTokens tokens;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ApplicationEvents events;

    @Autowired
    lux.gdpr.GdprService gdpr;

    InboundFixture.Sent sent;

    @BeforeEach
    void campaign() {
        DatabaseCleaner.clean(jdbc);
        sent = InboundFixture.sending(templates, contacts, campaigns, jdbc, "Spring sale", null,
                List.of(ANN, BOB, CLEO, DANA, ELI, FINN));
    }

    private InboundProcessor.Handled handle(String key, byte[] mime) {
        return processor.handle("news@contoso.test",
                new InboundMail(key, mime, "https://outlook.office365.com/owa/?ItemID=" + key, Instant.now()));
    }

    private byte[] sample(String name, String sampleId, String email) {
        return Samples.aimedAt(name, sampleId, email, sent.campaignId(), sent.id(email), email);
    }

    @Test
    void hardBounceMarksRecipientAndContactAndSuppressesWithTheDsnStatusOnce() {
        byte[] ndr = sample("exchange-ndr.eml", "lux-c41-r977", ANN);
        assertThat(handle("<ndr-1@outlook>", ndr))
            .isEqualTo(new InboundProcessor.Handled(InboundKind.HARD_BOUNCE, sent.campaignId(), true));
        assertThat(handle("<ndr-1@outlook>", ndr).fresh()).isFalse();

        assertThat(jdbc.queryForMap("SELECT bounce, bounce_status, status FROM campaign_recipient WHERE id = ?",
                sent.id(ANN)))
            .containsEntry("BOUNCE", "HARD")
            .containsEntry("BOUNCE_STATUS", "5.1.10")
            .containsEntry("STATUS", "SENT");
        assertThat(contacts.findByEmail(ANN).orElseThrow().status()).isEqualTo(ContactStatus.BOUNCED);
        assertThat(jdbc.queryForMap("SELECT reason, note FROM suppression WHERE entry = ?", ANN))
            .containsEntry("REASON", "BOUNCED")
            .hasEntrySatisfying("NOTE", n -> assertThat((String) n).contains("5.1.10", "Spring sale"));
        assertThat(rollup("bounce.hard")).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM inbound_message", Long.class)).isEqualTo(1);
    }

    @Test
    void reportNamingAnotherAddressThanTheRecipientChangesNothing() {
        // a made-up NDR pointing at Bob's message id but at Ann's address: someone trying
        // to get Bob suppressed
        byte[] forged = Samples.aimedAt("dsn-hard.eml", "lux-c41-r978", "Bob.Stone@fabrikam.example", sent.campaignId(),
                sent.id(BOB), ANN);
        assertThat(handle("<forged@x>", forged).campaignId()).isNull();
        assertThat(contacts.findByEmail(BOB).orElseThrow().status()).isEqualTo(ContactStatus.ACTIVE);
        assertThat(contacts.findByEmail(ANN).orElseThrow().status()).isEqualTo(ContactStatus.ACTIVE);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM suppression", Long.class)).isZero();
    }

    @Test
    void softBouncesAreCountedAndSuppressOnlyAtTheLimit() {
        byte[] soft = sample("dsn-soft.eml", "lux-c41-r979", CLEO);
        handle("<soft-1@mx>", soft);
        handle("<soft-2@mx>", soft);
        assertThat(rollup("bounce.soft")).isEqualTo(1); // one recipient
        assertThat(contacts.findByEmail(CLEO).orElseThrow().status()).isEqualTo(ContactStatus.ACTIVE);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM suppression", Long.class)).isZero();

        handle("<soft-3@mx>", soft);
        assertThat(contacts.findByEmail(CLEO).orElseThrow().status()).isEqualTo(ContactStatus.BOUNCED);
        assertThat(jdbc.queryForObject("SELECT reason FROM suppression WHERE entry = ?", String.class, CLEO))
            .isEqualTo("BOUNCED");
    }

    @Test
    void softBounceThatTurnsHardCountsOnceAsHard() {
        handle("<soft@mx>",
                Samples.aimedAt("dsn-soft.eml", "lux-c41-r979", CLEO, sent.campaignId(), sent.id(CLEO), CLEO));
        handle("<hard@mx>", Samples.aimedAt("dsn-hard.eml", "lux-c41-r978", "Bob.Stone@fabrikam.example",
                sent.campaignId(), sent.id(CLEO), CLEO));
        assertThat(rollup("bounce.soft")).isZero();
        assertThat(rollup("bounce.hard")).isEqualTo(1);
    }

    @Test
    void autoReplyIsCountedAndNothingElse() {
        assertThat(handle("<oof@x>", sample("oof-auto-submitted.eml", "lux-c41-r980", DANA)).kind())
            .isEqualTo(InboundKind.AUTO_REPLY);
        assertThat(rollup("autoreply")).isEqualTo(1);
        assertThat(contacts.findByEmail(DANA).orElseThrow().status()).isEqualTo(ContactStatus.ACTIVE);
    }

    @Test
    void unsubscribeMailWithTheLinksTokenUnsubscribesLikeTheLink() {
        String token = tokens.sign(TokenKind.UNSUBSCRIBE, sent.campaignId(), sent.id(ELI), 0);
        byte[] mail = Samples.text("unsubscribe.eml")
            .replace("UNSUBSCRIBE_TOKEN", token)
            .getBytes(StandardCharsets.UTF_8);
        assertThat(handle("<unsub@x>", mail))
            .isEqualTo(new InboundProcessor.Handled(InboundKind.UNSUBSCRIBE, sent.campaignId(), true));
        assertThat(contacts.findByEmail(ELI).orElseThrow().status()).isEqualTo(ContactStatus.UNSUBSCRIBED);
        assertThat(jdbc.queryForObject("SELECT reason FROM suppression WHERE entry = ?", String.class, ELI))
            .isEqualTo("UNSUBSCRIBED");
        assertThat(rollup("unsubscribe")).isEqualTo(1);
    }

    @Test
    void unsubscribeMailWithAMadeUpTokenChangesNothing() {
        String forged = tokens.sign(TokenKind.UNSUBSCRIBE, sent.campaignId(), sent.id(ELI), 0);
        forged = forged.substring(0, forged.length() - 4) + (forged.endsWith("AAAA") ? "BBBB" : "AAAA");
        byte[] mail = Samples.text("unsubscribe.eml")
            .replace("UNSUBSCRIBE_TOKEN", forged)
            .getBytes(StandardCharsets.UTF_8);
        assertThat(handle("<unsub-forged@x>", mail))
            .isEqualTo(new InboundProcessor.Handled(InboundKind.UNSUBSCRIBE, null, true));
        assertThat(contacts.findByEmail(ELI).orElseThrow().status()).isEqualTo(ContactStatus.ACTIVE);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM suppression", Long.class)).isZero();
    }

    @Test
    void repliesAreCountedAndAnnouncedOncePerReadingWithTheLatestLink() {
        InboundRun run = processor.start("news@contoso.test");
        byte[] reply = sample("human-reply.eml", "lux-c41-r982", FINN);
        run.accept(new InboundMail("<r1@x>", reply, "https://outlook.office365.com/owa/?ItemID=r1", Instant.now()));
        run.accept(new InboundMail("<r2@x>", sample("human-reply.eml", "lux-c41-r982", ELI),
                "https://outlook.office365.com/owa/?ItemID=r2", Instant.now()));
        run.accept(new InboundMail("<r1@x>", reply, "https://outlook.office365.com/owa/?ItemID=r1", Instant.now())); // read
                                                                                                                     // again
        run.finish();

        assertThat(rollup("reply")).isEqualTo(2);
        assertThat(events.stream(InboundEvent.RepliesReceived.class)).singleElement().satisfies(e -> {
            assertThat(e.campaignId()).isEqualTo(sent.campaignId());
            assertThat(e.name()).isEqualTo("Spring sale");
            assertThat(e.newReplies()).isEqualTo(2);
            assertThat(e.totalReplies()).isEqualTo(2);
            assertThat(e.webLink()).isEqualTo("https://outlook.office365.com/owa/?ItemID=r2");
        });
    }

    @Test
    void campaignIsPausedWhenHardBouncesPassFivePercentOfTheFirst200() {
        List<String> bouncing = IntStream.range(0, 11).mapToObj(i -> "gone" + i + "@fabrikam.example").toList();
        jdbc.update(
                "INSERT INTO app_user (email, display_name, role, created_at) VALUES ('owner@contoso.test', 'Owner', 'MARKETER', ?)",
                java.sql.Timestamp.from(Instant.now()));
        long owner = jdbc.queryForObject("SELECT id FROM app_user WHERE email = 'owner@contoso.test'", Long.class);
        InboundFixture.Sent big = InboundFixture.sending(templates, contacts, campaigns, jdbc, "Big list", owner,
                bouncing);
        jdbc.update("UPDATE campaign SET sent_count = 200 WHERE id = ?", big.campaignId());
        for (int i = 0; i < 10; i++) {
            String email = bouncing.get(i);
            processor.handle("news@contoso.test",
                    new InboundMail(
                            "<b" + i + "@mx>", Samples.aimedAt("dsn-hard.eml", "lux-c41-r978",
                                    "Bob.Stone@fabrikam.example", big.campaignId(), big.id(email), email),
                            null, Instant.now()));
        }
        assertThat(campaigns.get(big.campaignId()).status().name()).as("10 of 200 is 5%%, not more")
            .isEqualTo("SENDING");
        assertThat(events.stream(InboundEvent.PausedForBounces.class)).isEmpty();

        String last = bouncing.get(10);
        processor.handle("news@contoso.test",
                new InboundMail("<b10@mx>", Samples.aimedAt("dsn-hard.eml", "lux-c41-r978",
                        "Bob.Stone@fabrikam.example", big.campaignId(), big.id(last), last), null, Instant.now()));
        assertThat(campaigns.get(big.campaignId()).status().name()).isEqualTo("PAUSED");
        assertThat(events.stream(InboundEvent.PausedForBounces.class)).singleElement().satisfies(e -> {
            assertThat(e.ownerId()).isEqualTo(owner);
            assertThat(e.hardBounces()).isEqualTo(11);
            assertThat(e.accepted()).isEqualTo(200);
            assertThat(e.threshold()).isEqualTo(0.05);
        });
    }

    @Test
    void fewerThan200AcceptedNeverPause() {
        List<String> bouncing = IntStream.range(0, 11).mapToObj(i -> "early" + i + "@fabrikam.example").toList();
        InboundFixture.Sent small = InboundFixture.sending(templates, contacts, campaigns, jdbc, "Small list", null,
                bouncing);
        jdbc.update("UPDATE campaign SET sent_count = 199 WHERE id = ?", small.campaignId());
        for (String email : bouncing) {
            processor.handle("news@contoso.test",
                    new InboundMail(
                            "<" + email + ">", Samples.aimedAt("dsn-hard.eml", "lux-c41-r978",
                                    "Bob.Stone@fabrikam.example", small.campaignId(), small.id(email), email),
                            null, Instant.now()));
        }
        assertThat(campaigns.get(small.campaignId()).status().name()).isEqualTo("SENDING");
    }

    @Test
    void erasureBlanksTheAddressButTheMessageStaysHandled() {
        byte[] ndr = sample("exchange-ndr.eml", "lux-c41-r977", ANN);
        handle("<ndr-erased@outlook>", ndr);
        assertThat(gdpr.exportJson(ANN, lux.audit.Actor.system())).contains("HARD_BOUNCE", "5.1.10");
        gdpr.erase(ANN, lux.audit.Actor.system());
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM inbound_message WHERE email = ?", Long.class, ANN))
            .isZero();
        assertThat(handle("<ndr-erased@outlook>", ndr).fresh()).isFalse();
    }

    private long rollup(String metric) {
        return jdbc
            .queryForList("SELECT total FROM tracking_rollup WHERE campaign_id = ? AND metric = ?", Long.class,
                    sent.campaignId(), metric)
            .stream()
            .findFirst()
            .orElse(0L);
    }

}
