package lux.delivery.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * SMTP delivery into GreenMail: multipart HTML + text, List-Unsubscribe (RFC 8058) and
 * the LUX message id.
 */
@DatabaseTest
@SpringBootTest(classes = CoreTestApplication.class,
        properties = { "lux.mail.transport=smtp", "spring.mail.host=127.0.0.1", "spring.mail.port=3025",
                "lux.delivery.enabled=false", "lux.public-base-url=https://lux.example.com",
                "lux.mail.default-sender=news@lux.example.com" })
class SmtpDeliveryTest {

    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP);

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
    }

    @Test
    void sendsMultipartMailWithOneClickUnsubscribeHeaders() throws Exception {
        contacts.create(new NewContact("ann@example.net", "Ann", null, null, Map.of(), Set.of("smtp"), "t"),
                Actor.system());
        long template = templates
            .create(new TemplateContent("smtp", "Hello {{ contact.first_name }}",
                    "<p>Hi {{ contact.first_name }}, see <a href=\"https://example.com/news\">news</a>.</p>", null),
                    Actor.system())
            .id();
        long id = campaigns
            .create(new NewCampaign("SMTP run", template, null, AudienceFilter.anyOf("smtp")), Actor.system())
            .id();
        campaigns.schedule(id, null, null, Actor.system());

        engine.startDueCampaigns();
        engine.work(Duration.ofSeconds(20));

        assertThat(campaigns.get(id).status()).isEqualTo(CampaignStatus.SENT);
        MimeMessage[] received = greenMail.getReceivedMessages();
        assertThat(received).hasSize(1);
        MimeMessage mail = received[0];
        assertThat(mail.getSubject()).isEqualTo("Hello Ann");
        assertThat(mail.getFrom()[0].toString()).isEqualTo("news@lux.example.com");
        assertThat(mail.getHeader("X-LUX-Message-Id")[0]).startsWith("lux-c" + id + "-r");
        assertThat(mail.getHeader("List-Unsubscribe")[0]).startsWith("<https://lux.example.com/u/").endsWith(">");
        assertThat(mail.getHeader("List-Unsubscribe-Post")[0]).isEqualTo("List-Unsubscribe=One-Click");
        String body = GreenMailUtil.getBody(mail);
        assertThat(mail.getContent()).isInstanceOf(MimeMultipart.class);
        assertThat(body).contains("text/plain")
            .contains("text/html")
            .contains("https://lux.example.com/t/c/")
            .doesNotContain("href=3D\"https://example.com/news\"");
    }

}
