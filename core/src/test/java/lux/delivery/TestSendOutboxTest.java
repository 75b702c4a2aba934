package lux.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import lux.audit.Actor;
import lux.audit.Channel;
import lux.campaigns.CampaignService;
import lux.campaigns.CampaignView;
import lux.campaigns.NewCampaign;
import lux.contacts.AudienceFilter;
import lux.contacts.ContactService;
import lux.contacts.NewContact;
import lux.delivery.outbox.OutboxMessage;
import lux.delivery.outbox.OutboxService;
import lux.shared.InvalidInputException;
import lux.templates.TemplateContent;
import lux.templates.TemplateService;
import lux.testsupport.CoreTestApplication;
import lux.testsupport.DatabaseCleaner;
import lux.testsupport.DatabaseTest;
import lux.users.NewUser;
import lux.users.Role;
import lux.users.UserService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * "Send me a test" through the outbox: [Test] subject, real links, no pixel, no recipient
 * row, the campaign untouched.
 */
@DatabaseTest
@SpringBootTest(classes = CoreTestApplication.class, properties = { "lux.public-base-url=https://lux.example.com",
        "lux.mail.postal-address=Northwind Ltd, 1 Main St, Berlin", "lux.mail.default-sender=news@lux.test" })
class TestSendOutboxTest {

    @Autowired
    TestSendService tests;

    @Autowired
    CampaignService campaigns;

    @Autowired
    ContactService contacts;

    @Autowired
    TemplateService templates;

    @Autowired
    UserService users;

    @Autowired
    OutboxService outbox;

    @Autowired
    JdbcTemplate jdbc;

    @BeforeEach
    void clean() {
        DatabaseCleaner.clean(jdbc);
    }

    @Test
    void aCampaignTestGoesToTheRequesterUntrackedAndUncounted() {
        long userId = users
            .create(new NewUser("mia@northwind.test", "Mia", "secret-password-1", Role.MARKETER), Actor.system())
            .getId();
        Actor mia = new Actor(userId, "Mia", Channel.TEAMS);
        contacts.create(new NewContact("ann@example.net", "Ann", null, null, Map.of(), Set.of("news"), "test"),
                Actor.system());
        long template = templates
            .create(new TemplateContent("news", "Hello {{ contact.first_name }}",
                    "<p>Hi {{ contact.first_name }}, <a href=\"https://shop.example.com/sale?x=1\">see the sale</a>"
                            + " <a href=\"{{ unsubscribe_url }}\">Unsubscribe</a></p>",
                    null), Actor.system())
            .id();
        CampaignView campaign = campaigns.create(new NewCampaign("Sale", template, null, AudienceFilter.anyOf("news")),
                Actor.system());
        CampaignView before = campaigns.get(campaign.id());

        TestSendResult result = tests.sendCampaign(campaign.id(), new TestSendRequest(List.of(), "ann@example.net"),
                mia);

        assertThat(result.sentTo()).containsExactly("mia@northwind.test");
        assertThat(result.failed()).isEmpty();
        assertThat(result.subject()).isEqualTo("[Test] Hello Ann");
        assertThat(result.renderedFor()).isEqualTo("ann@example.net");
        OutboxMessage sent = outbox.list(null, 0, 10).get(0);
        assertThat(sent.campaignId()).isNull();
        assertThat(sent.recipientId()).isNull();
        assertThat(sent.to()).isEqualTo("mia@northwind.test");
        assertThat(sent.from()).isEqualTo("news@lux.test");
        assertThat(sent.subject()).isEqualTo("[Test] Hello Ann");
        assertThat(sent.headers()).containsEntry("X-LUX-Test", "true").doesNotContainKey("List-Unsubscribe");
        assertThat(sent.html())
            .contains("href=\"https://shop.example.com/sale?x=1\"", "Northwind Ltd, 1 Main St, Berlin")
            .doesNotContain("/t/c/", "/t/o/", "lux.example.com");
        assertThat(sent.text()).contains("https://shop.example.com/sale?x=1").doesNotContain("/t/c/");
        assertThat(outbox.list(campaign.id(), 0, 10)).isEmpty();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM campaign_recipient", Long.class)).isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM campaign_link", Long.class)).isZero();
        assertThat(campaigns.get(campaign.id())).isEqualTo(before);
        assertThat(jdbc.queryForObject(
                "SELECT COUNT(*) FROM audit_entry WHERE action = 'campaign.test_send' AND target_id = ?", Long.class,
                String.valueOf(campaign.id())))
            .isEqualTo(1);
    }

    @Test
    void aTemplateTestGoesToUpToFiveGivenAddressesRenderedForTheSampleContact() {
        long template = templates
            .create(new TemplateContent("t", "Hi {{ contact.first_name }}", "<p>Hello {{ contact.full_name }}</p>",
                    null), Actor.system())
            .id();

        TestSendResult result = tests.sendTemplate(template,
                new TestSendRequest(List.of("A@Example.net", "b@example.net", "a@example.net"), null), Actor.system());

        assertThat(result.sentTo()).containsExactly("a@example.net", "b@example.net");
        assertThat(result.renderedFor()).isEqualTo("the sample contact (alex.sample@example.com)");
        assertThat(outbox.list(null, 0, 10)).extracting(OutboxMessage::subject).containsOnly("[Test] Hi Alex");
    }

    @Test
    void tooManyOrInvalidAddressesAreRefusedAndNothingIsSent() {
        long template = templates.create(new TemplateContent("t", "Hi", "<p>Hello</p>", null), Actor.system()).id();

        assertThatThrownBy(
                () -> tests.sendTemplate(template,
                        new TestSendRequest(List.of("1@x.net", "2@x.net", "3@x.net", "4@x.net", "5@x.net", "6@x.net"),
                                null),
                        Actor.system()))
            .isInstanceOf(InvalidInputException.class)
            .hasMessage("A test goes to at most 5 addresses; 6 were given. "
                    + "Send it to fewer, or schedule the campaign for a tag.");
        assertThatThrownBy(() -> tests.sendTemplate(template,
                new TestSendRequest(List.of("ok@x.net", "not an address"), null), Actor.system()))
            .isInstanceOf(InvalidInputException.class)
            .hasMessageStartingWith("\"not an address\" is not an email address");
        assertThatThrownBy(() -> tests.sendTemplate(template, TestSendRequest.toMe(), Actor.system()))
            .isInstanceOf(InvalidInputException.class)
            .hasMessageContaining("knows no email address of yours");
        assertThat(outbox.count(null)).isZero();
    }

}
