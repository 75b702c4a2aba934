package lux.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import lux.audit.Actor;
import lux.audit.Channel;
import lux.shared.ForbiddenException;
import lux.shared.InvalidInputException;
import lux.testsupport.CoreTestApplication;
import lux.testsupport.DatabaseCleaner;
import lux.testsupport.DatabaseTest;
import lux.testsupport.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Tokens belong to a person: they expire, stop with their owner, and act with the owner's
 * current role.
 */
@DatabaseTest
@SpringBootTest(classes = CoreTestApplication.class, properties = "lux.delivery.enabled=false")
@Import(ApiTokenServiceTest.Clocks.class)
class ApiTokenServiceTest {

    static final Instant NOW = Instant.parse("2026-11-30T09:00:00Z");
    static final Duration NINETY_DAYS = Duration.ofDays(90);

    /** Not a scanned configuration, so only this test sees it. */
    static class Clocks {

        @Bean
        @Primary
        MutableClock tokenClock() {
            return new MutableClock(NOW);
        }

    }

    @Autowired
    ApiTokenService tokens;

    @Autowired
    UserService users;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MutableClock clock;

    User ada;

    Actor asAda;

    @BeforeEach
    void clean() {
        DatabaseCleaner.clean(jdbc);
        clock.set(NOW);
        ada = users.create(new NewUser("ada@lux.test", "Ada", "hash", Role.ADMIN), Actor.system());
        asAda = new Actor(ada.getId(), "Ada", Channel.CONSOLE);
    }

    @Test
    void storesOnlyAHashAndAuthenticatesUntilRevoked() {
        User mia = users.create(new NewUser("mia@lux.test", "Mia", "hash", Role.MARKETER), Actor.system());
        NewApiToken created = tokens.create(" CRM sync ", mia.getId(), NINETY_DAYS, asAda);
        assertThat(created.secret()).startsWith("lux_").hasSizeGreaterThan(40);
        assertThat(created.token().name()).isEqualTo("CRM sync");
        assertThat(created.token().creator()).isEqualTo("ada@lux.test");
        assertThat(created.token().owner()).isEqualTo("mia@lux.test");
        assertThat(created.token().expiresAt()).isEqualTo(NOW.plus(NINETY_DAYS));
        assertThat(jdbc.queryForObject("SELECT token_hash FROM api_token", String.class))
            .isEqualTo(ApiTokenService.hash(created.secret()))
            .doesNotContain(created.secret());

        assertThat(tokens.authenticate(created.secret())).isInstanceOfSatisfying(ApiTokenCheck.Accepted.class, a -> {
            assertThat(a.role()).isEqualTo(Role.MARKETER);
            assertThat(a.userId()).as("it acts as its owner").isEqualTo(mia.getId());
        });
        assertThat(tokens.authenticate(created.secret() + "x")).isInstanceOf(ApiTokenCheck.Refused.class);
        assertThat(tokens.authenticate("not-a-token")).isInstanceOf(ApiTokenCheck.Refused.class);
        assertThat(tokens.list()).singleElement().satisfies(t -> assertThat(t.lastUsedAt()).isEqualTo(NOW));

        tokens.revoke(created.token().id(), asAda);
        assertThat(tokens.authenticate(created.secret())).isInstanceOfSatisfying(ApiTokenCheck.Refused.class,
                r -> assertThat(r.reason()).contains("revoked"));
        assertThat(tokens.list()).singleElement().satisfies(t -> assertThat(t.state(NOW)).isEqualTo("revoked"));
    }

    @Test
    void anExpiredTokenIsRefused() {
        String secret = tokens.create("CRM", null, NINETY_DAYS, asAda).secret();
        clock.advance(NINETY_DAYS.minusSeconds(1));
        assertThat(tokens.authenticate(secret)).isInstanceOf(ApiTokenCheck.Accepted.class);
        clock.advance(Duration.ofSeconds(1));
        assertThat(tokens.authenticate(secret)).isInstanceOfSatisfying(ApiTokenCheck.Refused.class,
                r -> assertThat(r.reason()).contains("expired"));
        assertThat(tokens.list()).singleElement()
            .satisfies(t -> assertThat(t.state(clock.instant())).isEqualTo("expired"));
    }

    @Test
    void aTokenStopsWhenItsOwnerIsDisabledAndFollowsTheOwnersRole() {
        String secret = tokens.create("CRM", null, NINETY_DAYS, asAda).secret();
        assertThat(tokens.authenticate(secret)).isInstanceOfSatisfying(ApiTokenCheck.Accepted.class,
                a -> assertThat(a.role()).isEqualTo(Role.ADMIN));

        users.changeRole(ada.getId(), Role.MARKETER, Actor.system());
        assertThat(tokens.authenticate(secret)).isInstanceOfSatisfying(ApiTokenCheck.Accepted.class,
                a -> assertThat(a.role()).isEqualTo(Role.MARKETER));

        users.setEnabled(ada.getId(), false, Actor.system());
        assertThat(tokens.authenticate(secret)).isInstanceOfSatisfying(ApiTokenCheck.Refused.class,
                r -> assertThat(r.reason()).contains("ada@lux.test").contains("disabled"));
        assertThat(tokens.list()).singleElement().satisfies(t -> assertThat(t.state(NOW)).isEqualTo("owner disabled"));

        users.setEnabled(ada.getId(), true, Actor.system());
        assertThat(tokens.authenticate(secret)).isInstanceOf(ApiTokenCheck.Accepted.class);
    }

    @Test
    void refusesANamelessAPersonlessAnEndlessOrAStrangersToken() {
        assertThatThrownBy(() -> tokens.create(" ", null, NINETY_DAYS, asAda)).isInstanceOf(InvalidInputException.class)
            .hasMessageContaining("name");
        assertThatThrownBy(() -> tokens.create("CRM", null, NINETY_DAYS, Actor.system()))
            .isInstanceOf(InvalidInputException.class)
            .hasMessageContaining("made by a signed-in person");
        assertThatThrownBy(() -> tokens.create("CRM", null, Duration.ofDays(100_000), asAda))
            .isInstanceOf(InvalidInputException.class)
            .hasMessageContaining("must expire");
        User mia = users.create(new NewUser("mia@lux.test", "Mia", "hash", Role.MARKETER), Actor.system());
        assertThatThrownBy(
                () -> tokens.create("CRM", ada.getId(), NINETY_DAYS, new Actor(mia.getId(), "Mia", Channel.API)))
            .as("a marketer cannot mint a token that acts as an admin")
            .isInstanceOf(ForbiddenException.class)
            .hasMessageContaining("Only admins");
        users.setEnabled(mia.getId(), false, Actor.system());
        assertThatThrownBy(() -> tokens.create("CRM", mia.getId(), NINETY_DAYS, asAda))
            .isInstanceOf(InvalidInputException.class)
            .hasMessageContaining("disabled");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM api_token", Integer.class)).isZero();
    }

}
