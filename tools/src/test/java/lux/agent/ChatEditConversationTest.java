package lux.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import lux.agent.testsupport.AgentConversation;
import lux.agent.testsupport.ConversationClock;
import lux.agent.testsupport.ScriptedModelBeans;
import lux.agent.testsupport.ScriptedOpenAi;
import lux.campaigns.CampaignService;
import lux.campaigns.CampaignStatus;
import lux.campaigns.CampaignView;
import lux.contacts.ContactService;
import lux.contacts.ContactView;
import lux.delivery.DeliveryEngine;
import lux.delivery.outbox.OutboxMessage;
import lux.delivery.outbox.OutboxService;
import lux.testsupport.DatabaseTest;
import lux.testsupport.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * A marketer who never opens the console: pasted contacts with names, a template written
 * with first_name and edited a part at a time, a draft edited and confirmed, sent through
 * the outbox. Every mail must say "Hi Ana".
 */
@DatabaseTest
@Import({ ScriptedModelBeans.class, ConversationClock.class })
@SpringBootTest(classes = AgentTestApplication.class, properties = { "lux.delivery.enabled=false",
        "lux.public-base-url=https://lux.example.com", "lux.mail.postal-address=Example Ltd, 1 Main St, Berlin" })
class ChatEditConversationTest {

    @RegisterExtension
    final AgentConversation chat = new AgentConversation("conv-1");

    @Autowired
    ContactService contacts;

    @Autowired
    CampaignService campaigns;

    @Autowired
    DeliveryEngine engine;

    @Autowired
    OutboxService outbox;

    @Autowired
    MutableClock clock;

    ScriptedOpenAi openAi;

    @BeforeEach
    void aLead() {
        openAi = chat.model();
        contacts.create(
                new lux.contacts.NewContact("lee@example.com", "Lee", null, null, null, java.util.Set.of("lead"), null),
                chat.mia());
    }

    @Test
    void pastedContactsATemplateEditedByPartsAndAnEditedDraftSendHiAna() {
        openAi.toolCall("addContacts", """
                {"contacts":["Ana Lopez <ana@example.com>, Acme", "ben@example.org, Ben Ortiz, company Initech"],
                 "tags":["webinar"]}""").text("I added Ana Lopez (Acme) and Ben Ortiz (Initech) with the tag webinar.");
        AgentReply added = chat.say("add these to the webinar list:\nAna Lopez <ana@example.com>, Acme\n"
                + "ben@example.org, Ben Ortiz, company Initech");

        assertThat(added.toolsCalled()).containsExactly("addContacts");
        ContactView ana = contacts.findByEmail("ana@example.com").orElseThrow();
        assertThat(List.of(ana.firstName(), ana.lastName(), ana.company())).containsExactly("Ana", "Lopez", "Acme");
        assertThat(ana.tags()).containsExactly("webinar");

        openAi.toolCall("draftTemplate", """
                {"name":"Webinar invite","subject":"Our webinar","htmlBody":"<p>Hi {{ contact.first_name }},</p>\
                <p>Join us on Tuesday.</p><p><a href=\\"https://example.com/join\\">Sign up</a></p>"}""")
            .toolCall("setTemplateSubject", """
                    {"templateName":"Webinar invite","subject":"{{ contact.first_name }}, join our webinar"}""")
            .toolCall("replaceTemplateText", """
                    {"templateName":"Webinar invite","find":"Sign up","replaceWith":"Register"}""")
            .toolCall("buildCampaign", """
                    {"name":"Webinar","templateName":"Webinar invite","anyOfTags":["lead"]}""")
            .text("The draft is ready.");
        AgentReply drafted = chat.say("write an invitation greeting them by first name, subject with their name, "
                + "the button should say Register, and make a campaign");

        assertThat(drafted.toolsCalled()).containsExactly("draftTemplate", "setTemplateSubject", "replaceTemplateText",
                "buildCampaign");
        assertThat(campaigns.getByName("Webinar").audience().anyOf()).containsExactly("lead");
        assertThat(drafted.outputs()).filteredOn(AgentOutput.TemplatePreview.class::isInstance)
            .hasSize(3)
            .last()
            .isInstanceOfSatisfying(AgentOutput.TemplatePreview.class,
                    card -> assertThat(card.rendered().html()).contains("Register").doesNotContain("Sign up"));

        openAi.toolCall("editCampaign", """
                {"campaignName":"Webinar","anyOfTags":["webinar"],"allOfTags":[],"excludedTags":[],
                 "when":"2026-12-01T10:00"}""").text("Please check the card and press Confirm.");
        AgentReply edited = chat.say("send it to the webinar list instead, on 1 December at 10");

        assertThat(edited.toolsCalled()).containsExactly("editCampaign", "scheduleCampaign");
        AgentOutput.Confirmation card = AgentConversation.confirmationIn(edited);
        assertThat(card.audienceCount()).isEqualTo(2);
        assertThat(card.subject()).contains("join our webinar");
        CampaignView campaign = campaigns.getByName("Webinar");
        assertThat(campaign.status()).isEqualTo(CampaignStatus.DRAFT);
        chat.assertModelNeverSaw(card);

        assertThat(chat.confirm(card)).isEqualTo(CampaignStatus.SCHEDULED);
        clock.set(Instant.parse("2026-12-01T09:00:01Z"));
        assertThat(engine.startDueCampaigns()).isEqualTo(1);
        engine.work(Duration.ofSeconds(30));

        List<OutboxMessage> sent = outbox.list(campaign.id(), 0, 10);
        assertThat(sent).extracting(OutboxMessage::to).containsExactlyInAnyOrder("ana@example.com", "ben@example.org");
        OutboxMessage toAna = sent.stream().filter(m -> m.to().equals("ana@example.com")).findFirst().orElseThrow();
        assertThat(toAna.subject()).isEqualTo("Ana, join our webinar");
        assertThat(toAna.html()).contains("Hi Ana,").contains("Register").doesNotContain("Sign up");
        assertThat(toAna.text()).contains("Hi Ana,");
        assertThat(sent.stream().filter(m -> m.to().equals("ben@example.org")).findFirst().orElseThrow().html())
            .contains("Hi Ben,");
        assertThat(campaigns.get(campaign.id()).status()).isEqualTo(CampaignStatus.SENT);
    }

}
