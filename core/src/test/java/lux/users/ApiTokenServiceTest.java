package lux.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import lux.audit.Actor;
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
class ApiTokenServiceTest {
    @Autowired
    ApiTokenService tokens;
    @Autowired
    JdbcTemplate jdbc;

    @BeforeEach
    void clean() {
        DatabaseCleaner.clean(jdbc);
    }

    @Test
    void storesOnlyAHashAndAuthenticatesUntilRevoked() {
        NewApiToken created = tokens.create(" CRM sync ", Role.MARKETER, Actor.system());
        assertThat(created.secret()).startsWith("lux_").hasSizeGreaterThan(40);
        assertThat(created.token().name()).isEqualTo("CRM sync");
        assertThat(jdbc.queryForObject("SELECT token_hash FROM api_token", String.class))
                .isEqualTo(ApiTokenService.hash(created.secret())).doesNotContain(created.secret());

        assertThat(tokens.authenticate(created.secret())).map(ApiTokenView::role).contains(Role.MARKETER);
        assertThat(tokens.authenticate(created.secret() + "x")).isEmpty();
        assertThat(tokens.authenticate("not-a-token")).isEmpty();

        tokens.revoke(created.token().id(), Actor.system());
        assertThat(tokens.authenticate(created.secret())).isEmpty();
        assertThat(tokens.list()).singleElement().satisfies(t -> assertThat(t.active()).isFalse());
    }

    @Test
    void refusesANamelessToken() {
        assertThatThrownBy(() -> tokens.create(" ", Role.ADMIN, Actor.system()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("name");
    }
}
