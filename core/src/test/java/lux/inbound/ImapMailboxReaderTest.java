package lux.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Folder;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Properties;
import lux.campaigns.CampaignService;
import lux.contacts.ContactService;
import lux.contacts.ContactStatus;
import lux.templates.TemplateService;
import lux.testsupport.CoreTestApplication;
import lux.testsupport.DatabaseCleaner;
import lux.testsupport.DatabaseTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * SMTP delivery's bounce mailbox read over IMAP from GreenMail, a real IMAP server on
 * loopback.
 */
@DatabaseTest
@SpringBootTest(classes = CoreTestApplication.class)
class ImapMailboxReaderTest {

    static final GreenMail IMAP = new GreenMail(ServerSetupTest.IMAP.dynamicPort());
    static final String ANN = "ann.lee@fabrikam.example";
    static final String FINN = "finn.roberts@fabrikam.example";

    static {
        IMAP.start();
    }

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        registry.add("lux.delivery.enabled", () -> "false");
        registry.add("lux.inbound.enabled", () -> "true");
        registry.add("lux.inbound.poll", () -> "1h");
        registry.add("lux.inbound.imap.host", () -> "127.0.0.1");
        registry.add("lux.inbound.imap.port", () -> IMAP.getImap().getPort());
        registry.add("lux.inbound.imap.ssl", () -> "false");
        registry.add("lux.inbound.imap.starttls", () -> "false");
        registry.add("lux.inbound.imap.username", () -> "bounces");
        registry.add("lux.inbound.imap.password", () -> "secret-imap");
    }

    @AfterAll
    static void stop() {
        IMAP.stop();
    }

    @Autowired
    InboundReading reading;

    @Autowired
    TemplateService templates;

    @Autowired
    ContactService contacts;

    @Autowired
    CampaignService campaigns;

    @Autowired
    JdbcTemplate jdbc;

    InboundFixture.Sent sent;

    GreenMailUser user;

    @BeforeEach
    void mailbox() throws Exception {
        DatabaseCleaner.clean(jdbc);
        IMAP.purgeEmailFromAllMailboxes();
        user = IMAP.setUser("bounces@contoso.test", "bounces", "secret-imap");
        sent = InboundFixture.sending(templates, contacts, campaigns, jdbc, "Spring sale", null, List.of(ANN, FINN));
    }

    private void deliver(byte[] mime) throws Exception {
        user.deliver(new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(mime)));
    }

    @Test
    void readsTheBounceMailboxActsOnceAndMovesEachMessageToTheProcessedFolder() throws Exception {
        deliver(Samples.aimedAt("dsn-hard.eml", "lux-c41-r978", "Bob.Stone@fabrikam.example", sent.campaignId(),
                sent.id(ANN), ANN));
        deliver(Samples.aimedAt("human-reply.eml", "lux-c41-r982", FINN, sent.campaignId(), sent.id(FINN), FINN));

        assertThat(reading.readAll()).isEqualTo(2);
        assertThat(contacts.findByEmail(ANN).orElseThrow().status()).isEqualTo(ContactStatus.BOUNCED);
        assertThat(jdbc.queryForObject("SELECT note FROM suppression WHERE entry = ?", String.class, ANN))
            .contains("5.1.1");
        assertThat(jdbc.queryForList("SELECT kind FROM inbound_message ORDER BY id", String.class))
            .containsExactly("HARD_BOUNCE", "REPLY");
        assertThat(count("INBOX")).isZero();
        assertThat(count("LUX processed")).isEqualTo(2);

        // the same bounce arrives again (a second copy): filed, not acted on twice
        deliver(Samples.aimedAt("dsn-hard.eml", "lux-c41-r978", "Bob.Stone@fabrikam.example", sent.campaignId(),
                sent.id(ANN), ANN));
        assertThat(reading.readAll()).isEqualTo(1);
        assertThat(jdbc.queryForObject(
                "SELECT total FROM tracking_rollup WHERE campaign_id = ? AND metric = 'bounce.hard'", Long.class,
                sent.campaignId()))
            .isEqualTo(1);
        assertThat(count("LUX processed")).isEqualTo(3);
    }

    @Test
    void wrongPasswordLeavesEverythingInPlaceForTheNextReading() throws Exception {
        user.setPassword("changed");
        deliver(Samples.aimedAt("human-reply.eml", "lux-c41-r982", FINN, sent.campaignId(), sent.id(FINN), FINN));
        try {
            assertThat(reading.readAll()).isZero();
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM inbound_message", Long.class)).isZero();
        }
        finally {
            user.setPassword("secret-imap");
        }
        assertThat(count("INBOX")).isEqualTo(1);
    }

    private static int count(String folder) throws Exception {
        Store store = Session.getInstance(new Properties()).getStore("imap");
        store.connect("127.0.0.1", IMAP.getImap().getPort(), "bounces", "secret-imap");
        try {
            Folder f = store.getFolder(folder);
            return f.exists() ? f.getMessageCount() : 0;
        }
        finally {
            store.close();
        }
    }

}
