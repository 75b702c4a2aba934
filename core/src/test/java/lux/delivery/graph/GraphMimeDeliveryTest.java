package lux.delivery.graph;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.matching.MatchResult;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lux.delivery.OutgoingMessage;
import lux.testsupport.CoreTestApplication;
import lux.testsupport.DatabaseTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.event.RecordApplicationEvents;

/**
 * Graph delivery with {@code lux.graph.send-format=mime} (the default):
 * {@code Content-Type: text/plain} and a base64 MIME message, which carries the RFC 8058
 * List-Unsubscribe headers Graph's JSON form refuses. The double decodes and parses every
 * body with Jakarta Mail; a body that is not clean base64 MIME gets no answer but 404.
 */
@DatabaseTest
@SpringBootTest(classes = CoreTestApplication.class,
        properties = { "lux.public-base-url=https://lux.example.com",
                "lux.graph.unsubscribe-mailto=unsubscribe@contoso.test" })
@Import(GraphDeliveryTest.Doubles.class)
@RecordApplicationEvents
class GraphMimeDeliveryTest extends GraphDeliveryTest {

    static final WireMockServer GRAPH = new WireMockServer(options().dynamicPort().dynamicHttpsPort());
    static final Pattern LIST_UNSUBSCRIBE = Pattern.compile(
            "<(https://lux\\.example\\.com/u/([A-Za-z0-9_.~-]+))>, <mailto:unsubscribe@contoso\\.test\\?subject=unsubscribe%20([A-Za-z0-9_.~-]+)>");

    static {
        GRAPH.start();
    }

    @DynamicPropertySource
    static void mime(DynamicPropertyRegistry registry) {
        graphSettings(registry, GRAPH, "mime");
    }

    @AfterAll
    static void stop() {
        GRAPH.stop();
    }

    @Override
    WireMockServer graph() {
        return GRAPH;
    }

    @Override
    MappingBuilder wellFormed(MappingBuilder request, String address) {
        return request.withHeader("Content-Type", containing("text/plain"))
            .andMatching(r -> MatchResult.of(isMimeTo(r.getBodyAsString(), address)));
    }

    /**
     * Strict base64 of a MIME message with both parts and LUX's headers, addressed to
     * {@code address} (null: anyone).
     */
    private static boolean isMimeTo(String body, String address) {
        try {
            MimeMessage m = decode(body);
            return m.isMimeType("multipart/alternative") && ((MimeMultipart) m.getContent()).getCount() == 2
                    && m.getHeader("X-LUX-Message-Id") != null && m.getHeader("List-Unsubscribe") != null
                    && (address == null || ((InternetAddress) m.getRecipients(Message.RecipientType.TO)[0]).getAddress()
                        .equals(address));
        }
        catch (Exception e) {
            return false;
        }
    }

    static MimeMessage decode(String body) throws MessagingException {
        return new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream(Base64.getDecoder().decode(body)));
    }

    @Override
    void checkWireFormat(List<LoggedRequest> requests) throws Exception {
        assertThat(requests).hasSize(6);
        for (LoggedRequest request : requests) {
            assertThat(request.getUrl()).startsWith("/v1.0/users/news%40contoso.test/sendMail");
            assertThat(request.getHeader("Authorization")).isEqualTo("Bearer graph-token-1");
            assertThat(request.getHeader("Content-Type")).startsWith("text/plain");
            MimeMessage m = decode(request.getBodyAsString());

            String to = ((InternetAddress) m.getRecipients(Message.RecipientType.TO)[0]).getAddress();
            assertThat(m.getFrom()).extracting(a -> ((InternetAddress) a).getAddress())
                .containsExactly("news@contoso.test");
            assertThat(m.getSubject()).isEqualTo("Hello Ann");
            String luxId = m.getHeader("X-LUX-Message-Id", null);
            assertThat(jdbc.queryForObject("SELECT email FROM campaign_recipient WHERE lux_message_id = ?",
                    String.class, luxId))
                .isEqualTo(to);
            assertThat(m.getMessageID()).isEqualTo("<" + luxId + "@contoso.test>");

            String listUnsubscribe = MimeUtility.unfold(m.getHeader("List-Unsubscribe", null)); // folded
                                                                                                // where
                                                                                                // it
                                                                                                // is
                                                                                                // long
            Matcher unsubscribe = LIST_UNSUBSCRIBE.matcher(listUnsubscribe);
            assertThat(unsubscribe.matches()).as(listUnsubscribe).isTrue();
            assertThat(unsubscribe.group(3)).as("the mailto: subject carries the link's signed token")
                .isEqualTo(unsubscribe.group(2));
            assertThat(m.getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");
            String url = unsubscribe.group(1);

            MimeMultipart parts = (MimeMultipart) m.getContent();
            assertThat(parts.getBodyPart(0).isMimeType("text/plain")).isTrue();
            assertThat(parts.getBodyPart(1).isMimeType("text/html")).as("HTML last: the part clients prefer").isTrue();
            assertThat((String) parts.getBodyPart(0).getContent()).contains("https://lux.example.com/t/c/")
                .contains("Unsubscribe: " + url)
                .doesNotContain("https://example.com/x");
            assertThat((String) parts.getBodyPart(1).getContent()).contains("src=\"https://lux.example.com/t/o/")
                .contains("href=\"https://lux.example.com/t/c/")
                .contains("href=\"" + url + "\"")
                .doesNotContain("https://example.com/x");
        }
    }

    @Test
    void theMimeMessageIsSevenBitCleanAndKeepsNonAsciiTextAndLongLines() throws Exception {
        String longLine = "<p>" + "Grüße aus Köln, ".repeat(400) + "</p>";
        String text = "Grüße \na = b, 100% =3D\t\r\nspaces at the end   \n\n.dot line\nFrom here ";
        OutgoingMessage message = new OutgoingMessage(7, 9, "lux-c7-r9", "news@contoso.test", "anna@example.net",
                "Grüße – 10 € Rabatt\r\nBcc: injected@example.net", longLine, text,
                Map.of(OutgoingMessage.MESSAGE_ID_HEADER, "lux-c7-r9"), "https://lux.example.com/u/tok");
        String body = GraphTransport.mimeBody(message, "");

        byte[] raw = Base64.getDecoder().decode(body);
        String wire = new String(raw, StandardCharsets.ISO_8859_1);
        assertThat(wire.chars()).allMatch(c -> c < 128); // encoded words,
                                                         // quoted-printable or base64: no
                                                         // 8-bit
        assertThat(wire.split("\r\n")).allMatch(line -> line.length() <= 998); // RFC 5322
                                                                               // line
                                                                               // limit
        MimeMessage parsed = decode(body);
        assertThat(parsed.getSubject()).isEqualTo("Grüße – 10 € Rabatt Bcc: injected@example.net"); // a
                                                                                                    // line
                                                                                                    // break
                                                                                                    // cannot
                                                                                                    // add
                                                                                                    // a
                                                                                                    // header
        assertThat(parsed.getHeader("Bcc")).isNull();
        assertThat(parsed.getSentDate()).isNotNull();
        assertThat(parsed.getHeader("List-Unsubscribe", null)).isEqualTo("<https://lux.example.com/u/tok>"); // no
                                                                                                             // mailto
                                                                                                             // configured
        assertThat(parsed.getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");
        MimeMultipart parts = (MimeMultipart) parsed.getContent();
        assertThat(((String) parts.getBodyPart(0).getContent()).replace("\r\n", "\n"))
            .isEqualTo(text.replace("\r\n", "\n"));
        assertThat(parts.getBodyPart(1).getContent()).isEqualTo(longLine);
    }

    @Test
    void anAddressThatIsNoAddressIsRefusedBeforeAnythingIsSent() {
        OutgoingMessage message = new OutgoingMessage(7, 9, "lux-c7-r9", "news@contoso.test", "not an address", "Hi",
                "<p>Hi</p>", "Hi", Map.of(), null);
        assertThatThrownBy(() -> GraphTransport.mimeBody(message, "")).isInstanceOf(AddressException.class);
    }

}
