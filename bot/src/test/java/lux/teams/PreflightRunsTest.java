package lux.teams;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import lux.audit.Actor;
import lux.campaigns.CampaignService;
import lux.campaigns.CampaignStatus;
import lux.campaigns.NewCampaign;
import lux.contacts.AudienceFilter;
import lux.contacts.ContactService;
import lux.contacts.NewContact;
import lux.templates.TemplateContent;
import lux.templates.TemplateService;
import lux.testsupport.DatabaseTest;
import lux.users.NewUser;
import lux.users.Role;
import lux.users.UserService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * One chat schedule runs the pre-flight check twice, no more: once for the Confirm card
 * (the card is drawn from that plan) and once when Confirm schedules. Counted by the HEAD
 * requests a loopback shop receives for the template's one link.
 */
@DatabaseTest
@SpringBootTest(classes = BotTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "lux.delivery.enabled=false", "lux.teams.retry-base=10ms",
                "lux.public-base-url=https://lux.example.com", "lux.preflight.links.enabled=true",
                "lux.preflight.links.allow-private-addresses=true", "lux.preflight.dns.enabled=false" })
class PreflightRunsTest {

    static final String AAD = "00000000-0000-0000-0000-0000000000cc";

    static final AtomicInteger heads = new AtomicInteger();

    static final HttpServer shop = shop();

    @RegisterExtension
    static final TeamsChat teams = new TeamsChat(AAD);

    @Autowired
    UserService users;

    @Autowired
    ContactService contacts;

    @Autowired
    TemplateService templates;

    @Autowired
    CampaignService campaigns;

    @BeforeEach
    void anAutumnDraft() {
        users.create(new NewUser("mia@lux.test", "Mia", null, Role.ADMIN), Actor.system());
        contacts.create(new NewContact("ana@example.com", "Ana", null, null, null, Set.of("vip"), null),
                Actor.system());
        long template = templates
            .create(new TemplateContent("Shop", "Hello {{ contact.first_name }}",
                    "<p>See <a href=\"http://127.0.0.1:" + shop.getAddress().getPort() + "/autumn\">the shop</a>. "
                            + "<a href=\"{{ unsubscribe_url }}\">Unsubscribe</a></p>",
                    null), Actor.system())
            .id();
        campaigns.create(new NewCampaign("Autumn", template, null, AudienceFilter.anyOf("vip")), Actor.system());
        heads.set(0);
    }

    @AfterAll
    static void closeShop() {
        shop.stop(0);
    }

    @Test
    void oneChatScheduleChecksOnceForTheCardAndOnceOnConfirm() throws Exception {
        teams.say("schedule Autumn tomorrow 10:00");
        FakeConnector.Call cardCall = teams.firstCardMessage();
        assertThat(heads.get()).as("pre-flight runs for the Confirm card").isEqualTo(1);

        teams.confirm(cardCall);

        assertThat(campaigns.getByName("Autumn").status()).isEqualTo(CampaignStatus.SCHEDULED);
        assertThat(heads.get()).as("pre-flight runs for one chat schedule, card and Confirm").isEqualTo(2);
    }

    /** A shop page that answers HEAD with 200 and counts each one. */
    private static HttpServer shop() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                if ("HEAD".equals(exchange.getRequestMethod())) {
                    heads.incrementAndGet();
                }
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
            server.start();
            return server;
        }
        catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

}
