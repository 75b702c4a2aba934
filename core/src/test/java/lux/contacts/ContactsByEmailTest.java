package lux.contacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import lux.audit.Actor;
import lux.audit.Channel;
import lux.shared.InvalidInputException;
import lux.testsupport.CoreTestApplication;
import lux.testsupport.DatabaseCleaner;
import lux.testsupport.DatabaseTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

@DatabaseTest
@SpringBootTest(classes = CoreTestApplication.class)
class ContactsByEmailTest {

    static final Actor MIA = new Actor(null, "mia@lux.test", Channel.TEAMS);

    @Autowired
    ContactsByEmail byEmail;

    @Autowired
    ContactService contacts;

    @Autowired
    JdbcTemplate jdbc;

    @BeforeEach
    void setUp() {
        DatabaseCleaner.clean(jdbc);
        contacts.create(new NewContact("ana@example.com", null, null, null, null, Set.of(), null), MIA);
    }

    @Test
    void addsNewAddressesTagsKnownOnesAndRefusesOnlyTheBadOne() {
        AddedContacts added = byEmail.addOrTag(List.of("Ben@Example.org", "ana@example.com", "not-an-email"),
                List.of("vip"), MIA);

        assertThat(added.created()).containsExactly("ben@example.org");
        assertThat(added.alreadyKnown()).containsExactly("ana@example.com");
        assertThat(added.refused()).singleElement().asString().startsWith("not-an-email (");
        assertThat(contacts.findByEmail("ana@example.com").orElseThrow().tags()).containsExactly("vip");
        assertThat(contacts.findByEmail("ben@example.org").orElseThrow().tags()).containsExactly("vip");
        assertThatThrownBy(() -> byEmail.addOrTag(List.of(), List.of(), MIA)).isInstanceOf(InvalidInputException.class)
            .hasMessage("Give at least one email address.");
    }

    @Test
    void tagsKnownAddressesAndNamesTheUnknown() {
        TaggedContacts tagged = byEmail.tag(List.of("ana@example.com", "zoe@example.com"), List.of("lead"), MIA);

        assertThat(tagged).isEqualTo(new TaggedContacts(1, Set.of("lead"), 1, List.of("zoe@example.com")));
        assertThatThrownBy(() -> byEmail.tag(List.of("zoe@example.com"), List.of("lead"), MIA))
            .hasMessage("None of these addresses is a contact: zoe@example.com.");
    }

    @Test
    void addsPastedLinesWithNamesAndCompanyFillsInKnownContactsAndRefusesOnlyTheBadLine() {
        AddedContacts added = byEmail.addLines(List.of("Ben Ortiz <ben@example.org>, Initech",
                "ana@example.com, Ana Lopez, company Acme, plan=gold", "Cy without address"), List.of("vip"), MIA);

        assertThat(added.created()).containsExactly("ben@example.org");
        assertThat(added.alreadyKnown()).containsExactly("ana@example.com");
        assertThat(added.refused())
            .containsExactly("Cy without address (\"Cy without address\" has no email address.)");
        ContactView ben = contacts.findByEmail("ben@example.org").orElseThrow();
        assertThat(List.of(ben.firstName(), ben.lastName(), ben.company())).containsExactly("Ben", "Ortiz", "Initech");
        assertThat(ben.tags()).containsExactly("vip");
        ContactView ana = contacts.findByEmail("ana@example.com").orElseThrow();
        assertThat(List.of(ana.firstName(), ana.lastName(), ana.company())).containsExactly("Ana", "Lopez", "Acme");
        assertThat(ana.attributes()).containsEntry("plan", "gold");
        assertThat(ana.tags()).containsExactly("vip");
    }

    @Test
    void untagsKnownAddressesAndRefusesUnknownTags() {
        byEmail.tag(List.of("ana@example.com"), List.of("vip", "lead"), MIA);

        TaggedContacts untagged = byEmail.untag(List.of("ana@example.com", "zoe@example.com"), List.of("vip"), MIA);

        assertThat(untagged).isEqualTo(new TaggedContacts(1, Set.of("vip"), 1, List.of("zoe@example.com")));
        assertThat(contacts.findByEmail("ana@example.com").orElseThrow().tags()).containsExactly("lead");
        assertThatThrownBy(() -> byEmail.untag(List.of("ana@example.com"), List.of("nosuch"), MIA))
            .hasMessage("Unknown tag nosuch.");
        assertThatThrownBy(() -> byEmail.require("zoe@example.com"))
            .hasMessage("\"zoe@example.com\" is not a contact.");
    }

}
