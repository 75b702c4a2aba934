package lux.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import lux.audit.Actor;
import lux.shared.DuplicateException;
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
class UserServiceTest {

    @Autowired
    UserService users;

    @Autowired
    JdbcTemplate jdbc;

    @BeforeEach
    void clean() {
        DatabaseCleaner.clean(jdbc);
    }

    @Test
    void createsLinksAndDisablesUsers() {
        User mia = users.create(new NewUser("Mia@Lux.test", "Mia", "{bcrypt}hash", Role.MARKETER), Actor.system());
        assertThat(mia.getEmail()).isEqualTo("mia@lux.test");
        assertThat(users.anyAdmin()).isFalse();
        users.linkTeamsIdentity(mia.getId(), "AAAA-1111", Actor.system());
        assertThat(users.findByTeamsIdentity("aaaa-1111")).map(User::getEmail).contains("mia@lux.test");
        users.setEnabled(mia.getId(), false, Actor.system());
        assertThat(users.get(mia.getId()).isEnabled()).isFalse();
        assertThatThrownBy(() -> users.create(new NewUser("mia@lux.test", "Mia", null, Role.ADMIN), Actor.system()))
            .isInstanceOf(DuplicateException.class);
        User other = users.create(new NewUser("o@lux.test", "O", null, Role.ADMIN), Actor.system());
        assertThatThrownBy(() -> users.linkTeamsIdentity(other.getId(), "aaaa-1111", Actor.system()))
            .isInstanceOf(DuplicateException.class)
            .hasMessageContaining("already linked to mia@lux.test");
        assertThat(users.anyAdmin()).isTrue();
    }

    @Test
    void disablingChangingTheRoleOrThePasswordMovesTheCredentialsVersionOtherChangesDoNot() {
        User mia = users.create(new NewUser("mia@lux.test", "Mia", "{bcrypt}hash", Role.MARKETER), Actor.system());
        long start = users.get(mia.getId()).getCredentialsVersion();
        users.linkTeamsIdentity(mia.getId(), "aaaa-2222", Actor.system());
        users.changeRole(mia.getId(), Role.MARKETER, Actor.system());
        users.setEnabled(mia.getId(), true, Actor.system());
        assertThat(users.get(mia.getId()).getCredentialsVersion()).as("nothing that matters to a session")
            .isEqualTo(start);

        users.changeRole(mia.getId(), Role.ADMIN, Actor.system());
        assertThat(users.get(mia.getId()).getCredentialsVersion()).isEqualTo(start + 1);
        users.changePasswordHash(mia.getId(), "{bcrypt}other", Actor.system());
        assertThat(users.get(mia.getId()).getCredentialsVersion()).isEqualTo(start + 2);
        users.setEnabled(mia.getId(), false, Actor.system());
        assertThat(users.get(mia.getId()).getCredentialsVersion()).isEqualTo(start + 3);
    }

    @Test
    void theFirstAdminsConfiguredPasswordMustPassThePolicy() {
        PasswordPolicy policy = new PasswordPolicy();
        BootstrapAdmin weak = new BootstrapAdmin(users, new BootstrapProperties("ada@lux.test", "password1234"),
                policy);
        assertThatThrownBy(() -> weak.run(null)).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("lux.admin.bootstrap-password is not accepted")
            .hasMessageContaining("breached");
        assertThat(users.anyAdmin()).isFalse();

        new BootstrapAdmin(users, new BootstrapProperties("ada@lux.test", "violet lantern over the harbour"), policy)
            .run(null);
        assertThat(users.findByEmail("ada@lux.test")).map(User::getRole).contains(Role.ADMIN);
    }

}
