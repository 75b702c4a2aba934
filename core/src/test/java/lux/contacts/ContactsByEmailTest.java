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
        AddedContacts added = byEmail.addOrTag(List.of("Ben@Example.org", "ana@example.com", "not-an-email"), List.of("vip"), MIA);

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
}
