package lux.preflight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import lux.audit.Actor;
import lux.campaigns.CampaignService;
import lux.campaigns.CampaignStatus;
import lux.campaigns.CampaignView;
import lux.campaigns.NewCampaign;
import lux.contacts.AudienceFilter;
import lux.contacts.ContactService;
import lux.contacts.NewContact;
import lux.preflight.PreflightReport.Check;
import lux.preflight.PreflightReport.Problem;
import lux.preflight.PreflightReport.Severity;
import lux.templates.TemplateContent;
import lux.templates.TemplateService;
import lux.testsupport.CoreTestApplication;
import lux.testsupport.DatabaseCleaner;
import lux.testsupport.DatabaseTest;
import lux.testsupport.DnsDouble;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The pre-flight check against a DNS double on loopback UDP (real TXT and CNAME answers,
 * Microsoft 365's DKIM CNAMEs, a server that never answers) and a loopback web server for
 * links (200, 404, one that answers too late); template fields counted over the audience
 * in SQL; blocking problems refuse scheduling.
 */
@DatabaseTest
@SpringBootTest(classes = CoreTestApplication.class, properties = { "lux.public-base-url=https://lux.example.com",
        "lux.mail.postal-address=Northwind Ltd, 1 Main St, Berlin", "lux.mail.default-sender=news@northwind-mail.com",
        "lux.preflight.require-postal-address=true", "lux.preflight.bulk-sender-threshold=3",
        "lux.preflight.dns.timeout=500ms", "lux.preflight.links.enabled=true", "lux.preflight.links.timeout=700ms",
        "lux.preflight.links.allow-private-addresses=true" })
class PreflightServiceTest {

    static final DnsDouble DNS;
    static final HttpServer WEB;

    static {
        try {
            DNS = new DnsDouble().txt("northwind-mail.com", "google-site-verification=abc123")
                .txt("northwind-mail.com", "v=spf1 include:spf.protection.outlook.com -all")
                .txt("_dmarc.northwind-mail.com", "v=DMARC1; p=none; rua=mailto:dmarc@northwind-mail.com")
                .cname("selector1._domainkey.northwind-mail.com",
                        "selector1-northwind-mail-com._domainkey.northwind.onmicrosoft.com")
                .txt("selector1-northwind-mail-com._domainkey.northwind.onmicrosoft.com",
                        "v=DKIM1; k=rsa; p=MIGfMA0GCSqGSIb3DQEB")
                .txt("fabrikam-mail.com", "v=spf1 include:spf.protection.outlook.com -all")
                .silent("silent-mail.com");
            WEB = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            WEB.setExecutor(Executors.newCachedThreadPool());
            WEB.createContext("/good", exchange -> {
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
            WEB.createContext("/moved", exchange -> {
                exchange.getResponseHeaders().add("Location", "/good");
                exchange.sendResponseHeaders(301, -1);
                exchange.close();
            });
            WEB.createContext("/slow", exchange -> {
                try {
                    Thread.sleep(5_000);
                }
                catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
            WEB.start(); // anything else answers 404
        }
        catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @DynamicPropertySource
    static void resolver(DynamicPropertyRegistry registry) {
        registry.add("lux.preflight.dns.resolver", DNS::address);
    }

    @AfterAll
    static void stop() {
        DNS.close();
        WEB.stop(0);
    }

    @Autowired
    PreflightService preflight;

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

    String web(String path) {
        return "http://127.0.0.1:" + WEB.getAddress().getPort() + path;
    }

    @Test
    void aCleanCampaignFromAnAuthenticatedDomainHasNoProblems() {
        contact("ann@example.net", "Ann", Map.of(), "news");
        contact("bob@example.net", "Bob", Map.of(), "news");
        PreflightReport report = preflight.check(new TemplateContent("t",
                "Your November news, {{ contact.first_name }}",
                "<p>Hello {{ contact.first_name }}</p><img src=\"https://cdn.example.com/a.png\" alt=\"Autumn range\">"
                        + "<p><a href=\"" + web("/good") + "\">Shop</a> <a href=\"" + web("/moved")
                        + "\">Moved</a></p>",
                null), AudienceFilter.anyOf("news"), null);

        assertThat(report.problems()).isEmpty();
        assertThat(report.recipients()).isEqualTo(2);
        assertThat(report.blocked()).isFalse();
    }

    @Test
    void templateFieldsAreCountedOverTheWholeAudience() {
        contact("ann@example.net", "Ann", Map.of("city", "Berlin"), "news");
        contact("bob@example.net", null, Map.of(), "news");
        contact("cy@example.net", "  ", Map.of(), "news");
        contact("dee@example.net", "Dee", Map.of(), "news");
        contact("out@example.net", null, Map.of(), "other"); // not in the audience: not
                                                             // counted
        PreflightReport report = preflight.check(new TemplateContent("t", "News",
                "<p>Hi {{ contact.first_name }}, from {{ contact.city }} {{ contact.last_name | default(\"friend\") }}"
                        + "{% if contact.company %} at {{ contact.company }}{% endif %} {{ contact.plan }}</p>",
                null), AudienceFilter.anyOf("news"), null);

        assertThat(messages(report, Check.VARIABLES, Severity.WARNING)).containsExactly(
                "2 contacts have no first name — use {{ contact.first_name | default(\"there\") }}.",
                "3 contacts have no city — use {{ contact.city | default(\"…\") }}.");
        assertThat(messages(report, Check.VARIABLES, Severity.BLOCKING)).singleElement()
            .asString()
            .startsWith("No contact in the audience has the attribute plan");
        assertThat(report.blocked()).isTrue();
    }

    @Test
    void brokenAndSlowLinksAreWarnings() {
        contact("ann@example.net", "Ann", Map.of(), "news");
        PreflightReport report = preflight.check(new TemplateContent("t", "News {{ contact.first_name }}",
                "<p><a href=\"" + web("/good") + "\">ok</a> <a href=\"" + web("/gone") + "\">gone</a> <a href=\""
                        + web("/slow")
                        + "\">slow</a> <a href=\"https://lux.example.com/own\">LUX itself: not checked</a></p>",
                null), AudienceFilter.anyOf("news"), null);

        assertThat(messages(report, Check.LINKS, Severity.WARNING)).containsExactly(
                "The link " + web("/gone") + " answered 404.",
                "The link " + web("/slow") + " did not answer within 700 ms.");
        assertThat(report.blocked()).isFalse();
    }

    @Test
    void missingRecordsAreWarningsForSmallSendsAndBlockBulkSends() {
        contact("ann@example.net", "Ann", Map.of(), "news");
        TemplateContent content = new TemplateContent("t", "News {{ contact.first_name }}", "<p>Hello</p>", null);

        PreflightReport small = preflight.check(content, AudienceFilter.anyOf("news"), "news@fabrikam-mail.com");
        assertThat(small.problems()).extracting(Problem::check).containsExactly(Check.DKIM, Check.DMARC);
        assertThat(small.blocked()).isFalse();
        assertThat(small.problems().get(0).message()).contains("selector1, selector2");

        for (int i = 0; i < 3; i++) {
            contact("many" + i + "@example.net", "M", Map.of(), "news");
        }
        PreflightReport bulk = preflight.check(content, AudienceFilter.anyOf("news"), "news@fabrikam-mail.com");
        assertThat(bulk.blocking()).extracting(Problem::check)
            .containsExactly(Check.DKIM, Check.DMARC, Check.BULK_SENDER);
        assertThat(bulk.blocking().get(2).message()).contains("About 4 recipients", "lacks DKIM, DMARC",
                "Gmail and Yahoo", "one-click unsubscribe", "alignment");

        PreflightReport authenticatedBulk = preflight.check(content, AudienceFilter.anyOf("news"),
                "news@northwind-mail.com");
        assertThat(authenticatedBulk.blocked()).isFalse();
        assertThat(authenticatedBulk.warnings()).extracting(Problem::check).containsExactly(Check.BULK_SENDER);
    }

    @Test
    void anUnansweredLookupSaysSoAndAnswersAreCached() {
        contact("ann@example.net", "Ann", Map.of(), "news");
        TemplateContent content = new TemplateContent("t", "News {{ contact.first_name }}", "<p>Hello</p>", null);

        PreflightReport silent = preflight.check(content, AudienceFilter.anyOf("news"), "news@silent-mail.com");
        assertThat(silent.warnings()).singleElement()
            .extracting(Problem::message)
            .asString()
            .startsWith("Could not check the SPF, DKIM and DMARC records of silent-mail.com: the DNS lookup of");

        preflight.check(content, AudienceFilter.anyOf("news"), "news@northwind-mail.com");
        int asked = DNS.queries();
        assertThat(preflight.check(content, AudienceFilter.anyOf("news"), "news@northwind-mail.com").problems())
            .isEmpty();
        assertThat(DNS.queries()).isEqualTo(asked);
    }

    @Test
    void schedulingIsRefusedWhileABlockingProblemStandsAndTheCampaignStaysADraft() {
        contact("ann@example.net", "Ann", Map.of(), "news");
        long template = templates
            .create(new TemplateContent("hidden", "News {{ contact.first_name }}",
                    "<p>Hello</p><p style=\"display:none\"><a href=\"{{ unsubscribe_url }}\">Unsubscribe</a></p>",
                    null), Actor.system())
            .id();
        CampaignView campaign = campaigns
            .create(new NewCampaign("Hidden", template, null, AudienceFilter.anyOf("news")), Actor.system());

        assertThatThrownBy(() -> campaigns.schedule(campaign.id(), null, null, Actor.system()))
            .isInstanceOf(PreflightRefusedException.class)
            .hasMessageStartingWith(
                    "Campaign \"Hidden\" cannot be scheduled until these are fixed: The template's unsubscribe link");
        assertThat(campaigns.get(campaign.id()).status()).isEqualTo(CampaignStatus.DRAFT);

        templates.update(template, new TemplateContent("hidden", "News {{ contact.first_name }}",
                "<p>Hello</p><p><a href=\"{{ unsubscribe_url }}\">Unsubscribe</a></p>", null), Actor.system());
        assertThat(campaigns.schedule(campaign.id(), null, null, Actor.system()).status())
            .isEqualTo(CampaignStatus.SCHEDULED);
    }

    private void contact(String email, String firstName, Map<String, String> attributes, String tag) {
        contacts.create(new NewContact(email, firstName, null, null, attributes, Set.of(tag), "test"), Actor.system());
    }

    private static List<String> messages(PreflightReport report, Check check, Severity severity) {
        return report.problems()
            .stream()
            .filter(p -> p.check() == check && p.severity() == severity)
            .map(Problem::message)
            .toList();
    }

}
