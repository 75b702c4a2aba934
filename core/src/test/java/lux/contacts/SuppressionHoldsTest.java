package lux.contacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Set;
import lux.audit.Actor;
import lux.audit.Channel;
import lux.shared.ForbiddenException;
import lux.shared.InvalidInputException;
import lux.suppression.SuppressionService;
import lux.testsupport.CoreTestApplication;
import lux.testsupport.DatabaseCleaner;
import lux.testsupport.DatabaseTest;
import lux.users.NewUser;
import lux.users.Role;
import lux.users.User;
import lux.users.UserService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The hold rule lives in the core service, so every road (Teams tools, console, API,
 * jobs) meets it.
 */
@DatabaseTest
@SpringBootTest(classes = CoreTestApplication.class)
class SuppressionHoldsTest {

    @Autowired
    ContactService contacts;

    @Autowired
    SuppressionService suppressions;

    @Autowired
    UserService users;

    @Autowired
    JdbcTemplate jdbc;

    ContactView anna;

    Actor marketerInTeams;

    Actor admin;

    Actor disabledAdmin;

    @BeforeEach
    void setUp() {
        DatabaseCleaner.clean(jdbc);
        User mia = users.create(new NewUser("mia@lux.test", "Mia", null, Role.MARKETER), Actor.system());
        User ada = users.create(new NewUser("ada@lux.test", "Ada", null, Role.ADMIN), Actor.system());
        User old = users.create(new NewUser("old@lux.test", "Old", null, Role.ADMIN), Actor.system());
        users.setEnabled(old.getId(), false, Actor.system());
        marketerInTeams = new Actor(mia.getId(), "Mia", Channel.TEAMS);
        admin = new Actor(ada.getId(), "Ada", Channel.TEAMS);
        disabledAdmin = new Actor(old.getId(), "Old", Channel.API);
        anna = contacts.create(new NewContact("anna@example.org", "Anna", null, null, Map.of(), Set.of(), null),
                Actor.system());
    }

    @Test
    void onlyAnEnabledAdminWithAReasonLiftsAHold() {
        contacts.changeStatus(anna.id(), ContactStatus.UNSUBSCRIBED, marketerInTeams);
        assertThat(suppressions.isSuppressed("anna@example.org")).isTrue();

        for (Actor notAllowed : new Actor[] { marketerInTeams, disabledAdmin, Actor.system(), Actor.scheduler() }) {
            assertThatThrownBy(() -> contacts.changeStatus(anna.id(), ContactStatus.ACTIVE, "because", notAllowed))
                .as(notAllowed.name())
                .isInstanceOf(ForbiddenException.class)
                .hasMessageContaining("only an admin");
        }
        assertThatThrownBy(() -> contacts.changeStatus(anna.id(), ContactStatus.ACTIVE, admin))
            .isInstanceOf(InvalidInputException.class)
            .hasMessageContaining("say why");
        assertThatThrownBy(() -> contacts.changeStatus(anna.id(), ContactStatus.BOUNCED, marketerInTeams))
            .as("a hold is not swapped for another by a marketer either")
            .isInstanceOf(ForbiddenException.class);
        assertThat(contacts.get(anna.id()).status()).isEqualTo(ContactStatus.UNSUBSCRIBED);
        assertThat(suppressions.isSuppressed("anna@example.org")).isTrue();

        contacts.changeStatus(anna.id(), ContactStatus.ACTIVE, "written consent on file", admin);
        assertThat(contacts.get(anna.id()).status()).isEqualTo(ContactStatus.ACTIVE);
        assertThat(suppressions.isSuppressed("anna@example.org")).isFalse();
    }

    @Test
    void aDomainSuppressionStaysWhenAContactIsReleased() {
        suppressions.suppressDomain("example.org", "competitor", admin);
        contacts.changeStatus(anna.id(), ContactStatus.COMPLAINED, marketerInTeams);
        contacts.changeStatus(anna.id(), ContactStatus.ACTIVE, "complaint withdrawn", admin);
        assertThat(suppressions.isSuppressed("anna@example.org")).as("the domain entry was not about anna alone")
            .isTrue();
    }

}
