package lux.delivery.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import lux.audit.Actor;
import lux.campaigns.CampaignService;
import lux.campaigns.CampaignStatus;
import lux.campaigns.NewCampaign;
import lux.contacts.AudienceFilter;
import lux.contacts.ContactService;
import lux.contacts.NewContact;
import lux.delivery.DeliveryEngine;
import lux.templates.TemplateContent;
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
 * An SMTP tarpit on loopback: it accepts the message's content (DATA ... final dot) and
 * then never answers, or hangs up. Whether the mail went out is unknown, so the recipient
 * fails as "unknown outcome": nothing is marked sent, and no later batch, retry or lease
 * sweep hands the message to the server a second time.
 */
@DatabaseTest
@SpringBootTest(classes = CoreTestApplication.class,
        properties = { "lux.mail.transport=smtp", "lux.delivery.enabled=false", "lux.delivery.limits.enabled=false",
                "lux.delivery.backoff=10ms", "lux.smtp.read-timeout=1s", "lux.smtp.connect-timeout=2s",
                "lux.mail.default-sender=news@lux.example.com" })
class SmtpTarpitTest {

    enum Mode {

        SILENT_AFTER_DATA, HANG_UP_AFTER_DATA

    }

    static final Tarpit TARPIT = Tarpit.start();

    @DynamicPropertySource
    static void smtpServer(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", TARPIT::port);
    }

    @AfterAll
    static void stop() throws IOException {
        TARPIT.server.close();
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

    @BeforeEach
    void clean() {
        DatabaseCleaner.clean(jdbc);
        TARPIT.messages.set(0);
    }

    @Test
    void aServerThatNeverAnswersAfterDataFailsTheRecipientAsUnknownAndNeverGetsItTwice() {
        assertSentAtMostOnce(Mode.SILENT_AFTER_DATA);
    }

    @Test
    void aServerThatHangsUpAfterDataFailsTheRecipientAsUnknownAndNeverGetsItTwice() {
        assertSentAtMostOnce(Mode.HANG_UP_AFTER_DATA);
    }

    private void assertSentAtMostOnce(Mode mode) {
        TARPIT.mode = mode;
        contacts.create(new NewContact("ann@example.net", "Ann", null, null, Map.of(), Set.of("pit"), "t"),
                Actor.system());
        long template = templates.create(new TemplateContent("pit", "Hello", "<p>Hi</p>", null), Actor.system()).id();
        long id = campaigns
            .create(new NewCampaign("Tarpit", template, null, AudienceFilter.anyOf("pit")), Actor.system())
            .id();
        campaigns.schedule(id, null, null, Actor.system());

        engine.startDueCampaigns();
        engine.work(Duration.ofSeconds(20));
        engine.resolveExpiredLeases();
        engine.work(Duration.ofSeconds(2)); // anything left to retry would be tried now

        assertThat(TARPIT.messages.get()).isEqualTo(1);
        Map<String, Object> row = jdbc
            .queryForMap("SELECT status, last_error, sent_at FROM campaign_recipient WHERE campaign_id = ?", id);
        assertThat(row.get("status")).isEqualTo("FAILED");
        assertThat(row.get("sent_at")).isNull();
        assertThat((String) row.get("last_error"))
            .startsWith("unknown outcome: the SMTP server got the message but gave no answer")
            .contains("not resent");
        assertThat(campaigns.get(id).status()).isEqualTo(CampaignStatus.FAILED);
        assertThat(campaigns.get(id).sentCount()).isZero();
    }

    /**
     * Speaks just enough SMTP to take a message, then stalls or hangs up; counts messages
     * whose content it received.
     */
    static final class Tarpit {

        final ServerSocket server;

        final AtomicInteger messages = new AtomicInteger();

        volatile Mode mode = Mode.SILENT_AFTER_DATA;

        private Tarpit(ServerSocket server) {
            this.server = server;
        }

        static Tarpit start() {
            try {
                Tarpit tarpit = new Tarpit(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
                Thread accept = new Thread(tarpit::acceptLoop, "smtp-tarpit");
                accept.setDaemon(true);
                accept.start();
                return tarpit;
            }
            catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        int port() {
            return server.getLocalPort();
        }

        private void acceptLoop() {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    Thread session = new Thread(() -> serve(socket), "smtp-tarpit-session");
                    session.setDaemon(true);
                    session.start();
                }
                catch (IOException e) {
                    return;
                }
            }
        }

        private void serve(Socket socket) {
            try (socket;
                    BufferedReader in = new BufferedReader(
                            new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))) {
                OutputStream out = socket.getOutputStream();
                reply(out, "220 tarpit ESMTP");
                String line;
                while ((line = in.readLine()) != null) {
                    String command = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line.toUpperCase();
                    switch (command) {
                        case "EHLO", "HELO" -> reply(out, "250 tarpit");
                        case "MAIL", "RCPT", "RSET", "NOOP" -> reply(out, "250 OK");
                        case "QUIT" -> {
                            reply(out, "221 bye");
                            return;
                        }
                        case "DATA" -> {
                            reply(out, "354 go ahead");
                            while ((line = in.readLine()) != null && !line.equals(".")) {
                                // the content arrives; the tarpit keeps none of it
                            }
                            messages.incrementAndGet();
                            if (mode == Mode.HANG_UP_AFTER_DATA) {
                                return;
                            }
                            Thread.sleep(30_000); // never answers; the client's read
                                                  // timeout ends it
                            return;
                        }
                        default -> reply(out, "500 unknown");
                    }
                }
            }
            catch (IOException | InterruptedException e) {
                // the client gave up: that is the point
            }
        }

        private static void reply(OutputStream out, String text) throws IOException {
            out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }

    }

}
