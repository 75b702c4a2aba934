package lux.agent.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import lux.agent.AgentOutput;
import lux.agent.AgentReply;
import lux.agent.AgentTestApplication;
import lux.agent.TurnRequest;
import lux.agent.tools.ConfirmationService;
import lux.agent.tools.ContactDeletions;
import lux.audit.Actor;
import lux.shared.ConflictException;
import lux.audit.Channel;
import lux.campaigns.CampaignService;
import lux.campaigns.CampaignStatus;
import lux.campaigns.CampaignView;
import lux.campaigns.NewCampaign;
import lux.campaigns.Senders;
import lux.contacts.AudienceFilter;
import lux.contacts.ContactService;
import lux.contacts.ContactStatus;
import lux.contacts.ContactView;
import lux.contacts.NewContact;
import lux.suppression.SuppressionService;
import lux.templates.TemplateContent;
import lux.templates.TemplateService;
import lux.testsupport.DatabaseCleaner;
import lux.testsupport.DatabaseTest;
import lux.testsupport.EnglishLeftovers;
import lux.testsupport.MutableClock;
import lux.users.NewUser;
import lux.users.Role;
import lux.users.UserService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

/** The editing commands: the exact line and card a person sees, and what changed. */
@DatabaseTest
@Import(CommandModeCardsTest.Clocks.class)
@SpringBootTest(classes = AgentTestApplication.class, properties = "lux.delivery.enabled=false")
class EditCommandsTest {

    @Autowired
    CommandMode commands;

    @Autowired
    ConfirmationService confirmations;

    @Autowired
    ContactDeletions deletions;

    @Autowired
    CampaignService campaigns;

    @Autowired
    ContactService contacts;

    @Autowired
    TemplateService templates;

    @Autowired
    SuppressionService suppressions;

    @Autowired
    Senders senders;

    @Autowired
    UserService users;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MutableClock clock;

    Actor mia;

    Actor ada;

    @BeforeEach
    void setUp() {
        DatabaseCleaner.clean(jdbc);
        clock.set(CommandModeCardsTest.NOW);
        var m = users.create(new NewUser("mia@lux.test", "Mia", null, Role.MARKETER), Actor.system());
        var a = users.create(new NewUser("ada@lux.test", "Ada", null, Role.ADMIN), Actor.system());
        mia = new Actor(m.getId(), m.getEmail(), Channel.TEAMS);
        ada = new Actor(a.getId(), a.getEmail(), Channel.TEAMS);
        contacts.create(new NewContact("cy@example.com", "Cy", null, null, null, Set.of("vip"), null), mia);
    }

    @Test
    void pastedLinesAddContactsWithNamesAndCompany() {
        AgentReply reply = say(mia,
                "contacts add Ana Lopez <ana@example.com>, Acme\nben@example.org, Ben Ortiz, company Initech tag:vip");

        assertThat(reply.text()).isEqualTo("Added 2 contacts tagged vip: ana@example.com, ben@example.org.");
        ContactView ana = contacts.findByEmail("ana@example.com").orElseThrow();
        assertThat(List.of(ana.firstName(), ana.lastName(), ana.company())).containsExactly("Ana", "Lopez", "Acme");
        assertThat(contacts.findByEmail("ben@example.org").orElseThrow().company()).isEqualTo("Initech");
        assertThat(say(mia, "contacts add dee@example.com eve@example.com").text())
            .isEqualTo("Added 2 contacts: dee@example.com, eve@example.com.");
        assertThat(say(mia, "contacts add Fay <fay@example>").text()).isEqualTo(
                "Added 0 contacts. Not added: Fay <fay@example> (\"fay@example\" is not a valid email address.).");
    }

    @Test
    void theContactCardShowsStatusTagsAndEngagementAndUpdatesChangeOnlyWhatIsGiven() {
        AgentReply shown = say(mia, "contact show cy@example.com");

        assertThat(shown.text()).isEmpty();
        assertThat(shown.outputs()).singleElement().isInstanceOfSatisfying(AgentOutput.Contact.class, card -> {
            assertThat(card.contact().status()).isEqualTo(ContactStatus.ACTIVE);
            assertThat(card.contact().tags()).containsExactly("vip");
            assertThat(card.engagement().score()).isZero();
            assertThat(card.engagement().received()).isZero();
        });

        AgentReply updated = say(mia,
                "contact update cy@example.com first:Cyrus last:Vance company:\"Vance & Co\" city=Berlin");

        assertThat(updated.text()).isEqualTo("Updated cy@example.com: Cyrus Vance, Vance & Co.");
        assertThat(updated.outputs()).singleElement().isInstanceOf(AgentOutput.Contact.class);
        assertThat(contacts.findByEmail("cy@example.com").orElseThrow().attributes()).containsEntry("city", "Berlin");
        assertThat(say(mia, "contact update cy@example.com Berlin").text())
            .isEqualTo("Type contact update <email> first:Ana last:Lopez company:Acme city=Berlin.");
        assertThat(say(mia, "contact nobody@example.com").text())
            .isEqualTo("Sorry, that did not work: Contact nobody@example.com does not exist.");
    }

    @Test
    void untagAndUnsubscribeSayWhatChanged() {
        assertThat(say(mia, "untag cy@example.com vip").text()).isEqualTo("Removed vip from 1 contact (1 tag links).");
        assertThat(contacts.findByEmail("cy@example.com").orElseThrow().tags()).isEmpty();
        assertThat(say(mia, "untag cy@example.com").text())
            .isEqualTo("Type untag <email> <tag>, e.g. untag ana@example.com vip.");

        assertThat(say(mia, "unsubscribe cy@example.com asked by phone").text())
            .isEqualTo("cy@example.com is unsubscribed: LUX will not mail this address again.");
        assertThat(contacts.findByEmail("cy@example.com").orElseThrow().status()).isEqualTo(ContactStatus.UNSUBSCRIBED);
        assertThat(suppressions.isSuppressed("cy@example.com")).isTrue();
    }

    @Test
    void aTemplateChangesOnePartAtATimeWithAPreviewCard() {
        templates.create(new TemplateContent("Spring invite", "Join us",
                "<p>Hi {{ contact.first_name }}</p><a href=\"https://x.example\">Sign up</a>", null), mia);

        AgentReply subject = say(mia, "template subject Spring invite {{ contact.first_name }}, join us");

        assertThat(subject.text()).isEqualTo(
                "Changed the subject of \"Spring invite\" from \"Join us\" to \"{{ contact.first_name }}, join us\".");
        assertThat(subject.outputs()).singleElement()
            .isInstanceOfSatisfying(AgentOutput.TemplatePreview.class,
                    card -> assertThat(card.rendered().subject()).endsWith(", join us").doesNotContain("{{"));

        AgentReply button = say(mia, "template replace Spring invite \"Sign up\" with \"Register\"");

        assertThat(button.text()).isEqualTo("Changed \"Sign up\" to \"Register\" in \"Spring invite\" (1 place).");
        assertThat(button.outputs()).singleElement()
            .isInstanceOfSatisfying(AgentOutput.TemplatePreview.class,
                    card -> assertThat(card.rendered().html()).contains("Register").doesNotContain("Sign up"));
        assertThat(say(mia, "template replace Spring invite \"Sign in\" with \"Go\"").text())
            .isEqualTo("Sorry, that did not work: "
                    + "\"Sign in\" is not in template \"Spring invite\". Nothing was changed; preview it to see its text.");
    }

    @Test
    void aDraftIsEditedAndACampaignDuplicated() {
        long invite = templates.create(new TemplateContent("Invite", "Hi", "<p>Hi</p>", null), mia).id();
        templates.create(new TemplateContent("Reminder", "Soon", "<p>Soon</p>", null), mia);
        contacts.create(new NewContact("lee@example.com", "Lee", null, null, null, Set.of("lead"), null), mia);
        campaigns.create(new NewCampaign("Webinar", invite, null, AudienceFilter.anyOf("vip")), mia);
        String from = String.join(", ", senders.defaults()) + " (default)";

        assertThat(say(mia, "campaign edit Webinar template:Reminder tag:lead").text())
            .isEqualTo("Draft \"Webinar\" now sends "
                    + "\"Reminder\" to active contacts tagged any of lead (1 contacts today) from " + from + ".");
        CampaignView edited = campaigns.getByName("Webinar");
        assertThat(edited.audience().anyOf()).containsExactly("lead");
        assertThat(say(mia, "campaign edit Webinar").text()).isEqualTo(
                "Type campaign edit <campaign> template:<name> tag:<tag> not:<tag> segment:<name> sender:<mailbox>.");

        assertThat(say(mia, "duplicate Webinar as Webinar again").text())
            .isEqualTo("Copied \"Webinar\" as draft \"Webinar again\" for "
                    + "active contacts tagged any of lead (1 contacts today). Type schedule Webinar again <when> to pick a time.");
        assertThat(campaigns.getByName("Webinar again").status()).isEqualTo(CampaignStatus.DRAFT);
    }

    @Test
    void bulkTagsNeedTheCountThePersonSaw() {
        contacts.create(new NewContact("dee@example.com", null, null, null, null, Set.of("vip"), null), mia);

        assertThat(say(mia, "bulk tag webinar to tag:vip").text())
            .isEqualTo("2 contacts tagged any of vip would get webinar. "
                    + "Nothing was changed yet. To go ahead, type the same again with count:2.");
        assertThat(contacts.findByEmail("dee@example.com").orElseThrow().tags()).containsExactly("vip");
        assertThat(say(mia, "bulk tag webinar to tag:vip count:3").text())
            .isEqualTo("Sorry, that did not work: The audience "
                    + "(contacts tagged any of vip) now has 2 contacts, not the 3 confirmed. Nothing was changed; confirm the new number.");
        assertThat(say(mia, "bulk tag webinar to tag:vip count:2").text())
            .isEqualTo("Tagged 2 contacts tagged any of vip with webinar (2 tag links added).");
        assertThat(say(mia, "bulk untag webinar from tag:vip count:2").text())
            .isEqualTo("Removed webinar from 2 contacts tagged any of vip (2 tag links removed).");
        assertThat(contacts.findByEmail("dee@example.com").orElseThrow().tags()).containsExactly("vip");
    }

    @Test
    void suppressionsAreForAdminsOnly() {
        AgentReply refused = say(mia, "suppressions");

        assertThat(refused.text())
            .isEqualTo("Sorry, that did not work: Only an admin can see or change the suppression list. "
                    + "Ask an admin of LUX.");
        assertThat(refused.outputs()).isEmpty();
        assertThat(say(mia, "suppress x@rival.example").text()).startsWith("Sorry, that did not work: Only an admin");
        assertThat(suppressions.isSuppressed("x@rival.example")).isFalse();

        assertThat(say(ada, "suppress x@rival.example competitor").text())
            .isEqualTo("x@rival.example is suppressed: LUX will never mail it.");
        assertThat(say(ada, "suppress @spam.example").text())
            .isEqualTo("spam.example is suppressed: LUX will never mail it.");
        AgentReply listed = say(ada, "suppressions");
        assertThat(listed.text()).isEmpty();
        assertThat(listed.outputs()).singleElement().isInstanceOfSatisfying(AgentOutput.Suppressions.class, card -> {
            assertThat(card.total()).isEqualTo(2);
            assertThat(card.entries()).extracting(AgentOutput.SuppressionLine::value)
                .containsExactly("spam.example", "x@rival.example");
        });
        assertThat(say(ada, "unsuppress x@rival.example").text()).isEqualTo("x@rival.example is no longer suppressed.");
        assertThat(suppressions.isSuppressed("x@rival.example")).isFalse();
        assertThat(say(mia, "unsuppress spam.example").text()).startsWith("Sorry, that did not work: Only an admin");
    }

    @Test
    void deletingAContactWaitsForItsOwnersConfirm() {
        AgentReply asked = say(mia, "contact delete cy@example.com");

        assertThat(asked.text()).isEqualTo("This cannot be undone: press Confirm on the card to delete this contact.");
        AgentOutput.ContactDeletion card = (AgentOutput.ContactDeletion) asked.outputs().get(0);
        assertThat(asked.outputs()).hasSize(1);
        assertThat(List.of(card.what(), card.count(), card.sample())).containsExactly("cy@example.com", 1L,
                List.of("cy@example.com"));
        assertThat(contacts.findByEmail("cy@example.com")).isPresent();
        assertThat(jdbc.queryForList(
                "SELECT COALESCE(note, '') || ' ' || target FROM agent_confirmation WHERE kind = 'DELETE_CONTACTS'",
                String.class))
            .singleElement()
            .asString()
            .doesNotContain("cy@example.com");

        assertThatThrownBy(() -> confirmations.confirm(card.nonce(), mia)).isInstanceOf(ConflictException.class)
            .hasMessage("This card is about contacts, not a campaign. Nothing was done.");
        assertThatThrownBy(() -> deletions.confirm(card.nonce(), ada))
            .hasMessage("This card was made for someone else; only they can confirm it.");
        assertThat(contacts.findByEmail("cy@example.com")).isPresent();

        assertThat(deletions.confirm(card.nonce(), mia)).isEqualTo(new ContactDeletions.Deleted("cy@example.com", 1));
        assertThat(contacts.findByEmail("cy@example.com")).isEmpty();
        assertThatThrownBy(() -> deletions.confirm(card.nonce(), mia))
            .hasMessage("This card was already used. Nothing more was done.");
    }

    @Test
    void bulkDeleteDeletesOnlyTheCountTheCardShowed() {
        contacts.create(new NewContact("dee@example.com", null, null, null, null, Set.of("vip"), null), mia);
        contacts.create(new NewContact("lee@example.com", null, null, null, null, Set.of("lead"), null), mia);

        AgentReply asked = say(mia, "bulk delete tag:vip");

        assertThat(asked.text())
            .isEqualTo("This cannot be undone: press Confirm on the card to delete these 2 contacts.");
        AgentOutput.ContactDeletion card = (AgentOutput.ContactDeletion) asked.outputs().get(0);
        assertThat(card.what()).isEqualTo("contacts tagged any of vip");
        contacts.create(new NewContact("eve@example.com", null, null, null, null, Set.of("vip"), null), mia);
        assertThatThrownBy(() -> deletions.confirm(card.nonce(), mia)).isInstanceOf(ConflictException.class)
            .hasMessageContaining("now matches 3 contacts, not the 2 you confirmed. Nothing was deleted");
        assertThat(contacts.findByEmail("dee@example.com")).isPresent();

        AgentOutput.ContactDeletion fresh = (AgentOutput.ContactDeletion) say(mia, "bulk delete tag:vip").outputs()
            .get(0);
        assertThat(deletions.confirm(fresh.nonce(), mia).contacts()).isEqualTo(3);
        assertThat(contacts.findByEmail("dee@example.com")).isEmpty();
        assertThat(contacts.findByEmail("lee@example.com")).isPresent();
        assertThat(say(mia, "bulk delete everyone").text()).isEqualTo(
                "Type bulk delete tag:<tag> [not:<tag>] or bulk delete segment:<name>; a card shows how many and asks you to confirm.");
    }

    @Test
    void aGermanTeamsHearsTheEditingLinesInGerman() {
        assertThat(sayDe(mia, "contact update cy@example.com first:Cyrus last:Vance").text())
            .isEqualTo("cy@example.com geändert: Cyrus Vance.");
        assertThat(sayDe(mia, "contact update cy@example.com Berlin").text())
            .isEqualTo("Tippen Sie contact update <E-Mail> first:Ana last:Lopez company:Acme city=Berlin.");
        assertThat(sayDe(mia, "untag cy@example.com vip nobody@example.com").text())
            .isEqualTo("vip von 1 Kontakt entfernt (1 Tag-Zuordnungen). Keine Kontakte: nobody@example.com.");
        contacts.create(new NewContact("di@example.com", "Di", null, null, null, Set.of("vip"), null), mia);
        contacts.create(new NewContact("ed@example.com", "Ed", null, null, null, Set.of("vip"), null), mia);
        String counted = sayDe(mia, "bulk tag webinar to tag:vip").text();
        assertThat(counted).startsWith("2 ")
            .contains("würden webinar bekommen. Noch ist nichts geändert.",
                    "Um es auszuführen, tippen Sie dasselbe noch einmal mit count:2.");
        assertThat(sayDe(mia, "unsubscribe di@example.com").text())
            .isEqualTo("di@example.com ist abgemeldet: LUX schreibt diese Adresse nicht mehr an.");
        assertThat(sayDe(ada, "suppress x@rival.example").text())
            .isEqualTo("x@rival.example ist gesperrt: LUX schreibt sie nie an.");
        assertThat(sayDe(mia, "contact delete ed@example.com").text()).isEqualTo(
                "Das lässt sich nicht rückgängig machen: Drücken Sie auf der Karte auf Bestätigen, um diesen Kontakt zu löschen.");
        String help = sayDe(mia, "help").text();
        assertThat(help).contains("Tags entfernen; unsubscribe <E-Mail> [Grund]", "nur für Admins");
        for (String reply : List.of(counted, help)) {
            assertThat(EnglishLeftovers.in(reply, "edit.", "command.help")).as(reply).isEmpty();
        }
    }

    private AgentReply sayDe(Actor actor, String text) {
        return commands
            .handle(new TurnRequest(actor, "conv-1", text, CommandModeCardsTest.ZONE, null, java.util.Locale.GERMANY));
    }

    private AgentReply say(Actor actor, String text) {
        AgentReply reply = commands.handle(new TurnRequest(actor, "conv-1", text, CommandModeCardsTest.ZONE, null));
        assertThat(reply.text()).doesNotContain(CommandModeCardsTest.FOR_THE_MODEL);
        return reply;
    }

}
