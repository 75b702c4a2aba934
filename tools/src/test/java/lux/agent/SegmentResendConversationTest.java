package lux.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lux.agent.testsupport.AgentConversation;
import lux.agent.testsupport.ConversationClock;
import lux.agent.testsupport.ScriptedModelBeans;
import lux.agent.testsupport.ScriptedOpenAi;
import lux.audit.Actor;
import lux.campaigns.CampaignService;
import lux.campaigns.CampaignStatus;
import lux.campaigns.CampaignView;
import lux.contacts.ContactService;
import lux.delivery.DeliveryEngine;
import lux.delivery.outbox.OutboxMessage;
import lux.delivery.outbox.OutboxService;
import lux.templates.TemplateContent;
import lux.templates.TemplateService;
import lux.testsupport.DatabaseTest;
import lux.testsupport.MutableClock;
import lux.tracking.TrackingService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Issue 19's whole job in chat, against a scripted OpenAI model over loopback HTTP:
 * pasted contacts with names and a city, a welcome mail to all of them, a segment "in
 * Berlin AND did not open the welcome", an offer drafted for tags and edited to that
 * segment, confirmed and sent through the outbox, then a resend to the offer's
 * non-openers under a new subject. Every mail greets its reader by name and every
 * recipient list is exactly who it should be.
 */
@DatabaseTest
@Import({ ScriptedModelBeans.class, ConversationClock.class })
@SpringBootTest(classes = AgentTestApplication.class, properties = { "lux.delivery.enabled=false",
        "lux.public-base-url=https://lux.example.com", "lux.mail.postal-address=Example Ltd, 1 Main St, Berlin" })
class SegmentResendConversationTest {

    static final Instant NOW = ConversationClock.NOW;
    static final String OUTLOOK = "Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0.17928; Pro)";
    static final Pattern OPEN = Pattern.compile("/t/o/([A-Za-z0-9_-]+)");

    @RegisterExtension
    final AgentConversation chat = new AgentConversation("conv-segments");

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ContactService contacts;

    @Autowired
    CampaignService campaigns;

    @Autowired
    DeliveryEngine engine;

    @Autowired
    OutboxService outbox;

    @Autowired
    TrackingService tracking;

    @Autowired
    MutableClock clock;

    @Autowired
    TemplateService templates;

    ScriptedOpenAi openAi;

    Actor mia;

    @BeforeEach
    void speakers() {
        openAi = chat.model();
        mia = chat.mia();
    }

    @Test
    void pastedContactsToASegmentCampaignAndAResendToNonOpenersEveryMailSaysHiByName() {
        // 1. pasted contacts with names, companies and a city
        openAi.toolCall("addContacts", """
                {"contacts":["Ana Lopez <ana@example.com>, Acme, city=Berlin",
                             "Ben Ortiz <ben@example.org>, Initech, city=Berlin",
                             "Cleo Park <cleo@example.net>, Umbrella, city=Hamburg",
                             "Dan Roe <dan@example.com>, Hooli, city=Berlin"],
                 "tags":["customer"]}""").text("I added Ana, Ben, Cleo and Dan as customers.");
        assertThat(chat.say("add these customers:\nAna Lopez <ana@example.com>, Acme, city=Berlin\n...").toolsCalled())
            .containsExactly("addContacts");
        assertThat(contacts.findByEmail("dan@example.com").orElseThrow().attributes()).containsEntry("city", "Berlin");

        // 2. a welcome to every customer, confirmed and sent now
        openAi.toolCall("draftTemplate", """
                {"name":"Welcome","subject":"Welcome, {{ contact.first_name }}",
                 "htmlBody":"<p>Hi {{ contact.first_name }},</p><p>Welcome to our shop.</p>"}""")
            .toolCall("buildCampaign", """
                    {"name":"Welcome","templateName":"Welcome","anyOfTags":["customer"]}""")
            .toolCall("scheduleCampaign", """
                    {"campaignName":"Welcome","when":"now"}""")
            .text("Press Confirm to send the welcome.");
        AgentOutput.Confirmation welcomeCard = AgentConversation
            .confirmationIn(chat.say("send all customers a welcome greeting them by first name, now"));
        assertThat(welcomeCard.audienceCount()).isEqualTo(4);
        CampaignView welcome = confirmAndSend(welcomeCard, NOW.plusSeconds(1));
        assertGreeted(welcome, "ana@example.com", "Ana", "ben@example.org", "Ben", "cleo@example.net", "Cleo",
                "dan@example.com", "Dan");

        // Ana opens the welcome in Outlook two hours later; Ben and Dan do not
        clock.set(NOW.plus(Duration.ofHours(2)));
        open(welcome, "ana@example.com");

        // 3. a segment (attribute AND engagement) and an offer drafted for the customer
        // tag
        openAi.toolCall("draftTemplate", """
                {"name":"Offer","subject":"{{ contact.first_name }}, an offer for you",
                 "htmlBody":"<p>Hi {{ contact.first_name }},</p><p>10% off this week.</p>"}""")
            .toolCall("saveSegment", """
                    {"name":"Berlin non-openers","attributes":["city=Berlin"],"didNotOpenCampaign":"Welcome"}""")
            .toolCall("buildCampaign", """
                    {"name":"Offer","templateName":"Offer","anyOfTags":["customer"]}""")
            .text("The segment has 2 contacts; the offer is drafted.");
        AgentReply drafted = chat.say(
                "save the people in Berlin who did not open the welcome as a segment, and draft an offer for customers");
        assertThat(drafted.toolsCalled()).containsExactly("draftTemplate", "saveSegment", "buildCampaign");
        assertThat(drafted.outputs()).filteredOn(AgentOutput.Contacts.class::isInstance)
            .singleElement()
            .isInstanceOfSatisfying(AgentOutput.Contacts.class, card -> {
                assertThat(card.total()).isEqualTo(2);
                assertThat(card.contacts()).extracting(c -> c.email())
                    .containsExactly("ben@example.org", "dan@example.com");
            });
        assertThat(chat.lastToolResults()).anySatisfy(r -> assertThat(r).contains("\"contacts\":2", "Ben Ortiz"));

        // 4. the draft edited to the segment and a time: the Confirm card counts the
        // segment
        openAi.toolCall("editCampaign", """
                {"campaignName":"Offer","segmentName":"Berlin non-openers","when":"2026-11-27T10:00"}""")
            .text("Check the card and press Confirm.");
        AgentReply edited = chat.say("send the offer to that segment instead, tomorrow at 10");
        assertThat(edited.toolsCalled()).containsExactly("editCampaign", "scheduleCampaign");
        AgentOutput.Confirmation offerCard = AgentConversation.confirmationIn(edited);
        assertThat(offerCard.audienceCount()).isEqualTo(2);
        assertThat(offerCard.audience()).contains("Berlin non-openers");
        assertThat(campaigns.getByName("Offer").status()).isEqualTo(CampaignStatus.DRAFT);
        CampaignView offer = confirmAndSend(offerCard, Instant.parse("2026-11-27T09:00:01Z"));
        assertGreeted(offer, "ben@example.org", "Ben", "dan@example.com", "Dan");
        assertThat(sent(offer)).extracting(OutboxMessage::subject)
            .containsExactlyInAnyOrder("Ben, an offer for you", "Dan, an offer for you");

        // Dan opens the offer; Ben does not
        clock.set(Instant.parse("2026-11-27T12:00:00Z"));
        open(offer, "dan@example.com");

        // 5. "send it again on Thursday to those who didn't open, with a new subject"
        openAi.toolCall("resendToNonOpeners", """
                {"campaignName":"Offer","newSubject":"Last chance, {{ contact.first_name }}",
                 "when":"2026-12-03T10:00"}""").text("Press Confirm to resend it on Thursday.");
        AgentReply resend = chat
            .say("send it again on Thursday to those who didn't open, with the subject Last chance");
        assertThat(resend.toolsCalled()).containsExactly("resendToNonOpeners", "scheduleCampaign");
        AgentOutput.Confirmation resendCard = AgentConversation.confirmationIn(resend);
        assertThat(resendCard.audienceCount()).isEqualTo(1);
        assertThat(resendCard.subject()).contains("Last chance");
        CampaignView again = confirmAndSend(resendCard, Instant.parse("2026-12-03T09:00:01Z"));
        assertThat(again.id()).isNotEqualTo(offer.id());
        assertGreeted(again, "ben@example.org", "Ben");
        assertThat(sent(again)).extracting(OutboxMessage::subject).containsExactly("Last chance, Ben");

        // the model never saw a Confirm nonce
        chat.assertModelNeverSaw(welcomeCard, offerCard, resendCard);
    }

    @Test
    void theAudienceAnalysisSavedAsASegmentIsACampaignAudience() {
        contacts.create(new lux.contacts.NewContact("old@example.com", "Olga", null, null, null,
                java.util.Set.of("customer"), null), mia);
        clock.set(NOW.plus(Duration.ofDays(100)));
        contacts.create(new lux.contacts.NewContact("new@example.com", "Nina", null, null, null,
                java.util.Set.of("customer"), null), mia);
        templates.create(new TemplateContent("Hello", "Hello", "<p>Hi {{ contact.first_name }},</p>", null), mia);
        openAi.toolCall("saveInactiveSegment", """
                {"name":"Inactive 90 days","days":90,"tag":"customer"}""")
            .toolCall("buildCampaign", """
                    {"name":"Win back","templateName":"Hello","segmentName":"Inactive 90 days"}""")
            .text("Saved and drafted.");
        AgentReply reply = chat.say("save the customers inactive for 90 days as a segment and win them back");

        assertThat(reply.toolsCalled()).containsExactly("saveInactiveSegment", "buildCampaign");
        assertThat(chat.lastToolResults()).anySatisfy(r -> assertThat(r).contains("Inactive 90 days", "\"contacts\":1"))
            .anySatisfy(r -> assertThat(r).contains("segment \\\"Inactive 90 days\\\"", "\"contactsToday\":1"));
        assertThat(jdbc.queryForObject(
                "SELECT s.name FROM campaign c JOIN segment s ON s.id = c.segment_id " + "WHERE c.name = 'Win back'",
                String.class))
            .isEqualTo("Inactive 90 days");
    }

    /**
     * Presses Confirm, lets the clock reach the send time and sends through the outbox.
     */
    private CampaignView confirmAndSend(AgentOutput.Confirmation card, Instant sendTime) {
        assertThat(chat.confirm(card)).isEqualTo(CampaignStatus.SCHEDULED);
        clock.set(sendTime);
        assertThat(engine.startDueCampaigns()).isEqualTo(1);
        engine.work(Duration.ofSeconds(30));
        CampaignView sent = campaigns.get(card.campaign().id());
        assertThat(sent.status()).isEqualTo(CampaignStatus.SENT);
        return sent;
    }

    private List<OutboxMessage> sent(CampaignView campaign) {
        return outbox.list(campaign.id(), 0, 50);
    }

    /** Exactly these recipients, each greeted by their own first name. */
    private void assertGreeted(CampaignView campaign, String... emailsAndNames) {
        List<OutboxMessage> sent = sent(campaign);
        List<String> expected = new java.util.ArrayList<>();
        for (int i = 0; i < emailsAndNames.length; i += 2) {
            expected.add(emailsAndNames[i]);
        }
        assertThat(sent).extracting(OutboxMessage::to).containsExactlyInAnyOrderElementsOf(expected);
        for (int i = 0; i < emailsAndNames.length; i += 2) {
            String to = emailsAndNames[i];
            String hi = "Hi " + emailsAndNames[i + 1] + ",";
            OutboxMessage mail = sent.stream().filter(m -> m.to().equals(to)).findFirst().orElseThrow();
            assertThat(mail.html()).as("mail to " + to).contains(hi);
            assertThat(mail.text()).as("text of the mail to " + to).contains(hi);
        }
    }

    /**
     * The reader opens the mail in Outlook: its pixel, as the public route records it.
     */
    private void open(CampaignView campaign, String email) {
        String html = sent(campaign).stream().filter(m -> m.to().equals(email)).findFirst().orElseThrow().html();
        Matcher pixel = OPEN.matcher(html);
        assertThat(pixel.find()).as("the mail carries an open pixel").isTrue();
        assertThat(tracking.open(pixel.group(1), OUTLOOK, false)).isTrue();
        tracking.flush();
    }

}
