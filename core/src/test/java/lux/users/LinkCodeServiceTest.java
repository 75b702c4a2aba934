package lux.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import lux.audit.Actor;
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

@DatabaseTest
@SpringBootTest(classes = CoreTestApplication.class, properties = "lux.delivery.enabled=false")
@Import(LinkCodeServiceTest.Clocks.class)
class LinkCodeServiceTest {

    static final Instant NOW = Instant.parse("2026-11-26T09:00:00Z");
    static final String AAD = "4F2C1D3E-0000-4000-8000-00000000ABCD";

    /**
     * Not a scanned configuration (core's test application scans every test class), so
     * only this test sees it.
     */
    static class Clocks {

        @Bean
        @Primary
        MutableClock linkCodeClock() {
            return new MutableClock(NOW);
        }

    }

    @Autowired
    LinkCodeService codes;

    @Autowired
    UserService users;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MutableClock clock;

    User mia;

    @BeforeEach
    void setUp() {
        DatabaseCleaner.clean(jdbc);
        clock.set(NOW);
        mia = users.create(new NewUser("mia@lux.test", "Mia", null, Role.MARKETER), Actor.system());
    }

    @Test
    void aCodeLinksTheSenderOnceAndIsStoredOnlyAsAHash() {
        LinkCode code = codes.issue(mia.getId(), Actor.system());
        assertThat(code.code()).matches("[A-Z2-9]{4}-[A-Z2-9]{4}");
        assertThat(code.expiresAt()).isEqualTo(NOW.plus(LinkCodeService.VALIDITY));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM teams_link_code WHERE code_hash LIKE ?", Long.class,
                "%" + code.code().replace("-", "") + "%"))
            .isZero();

        User linked = codes.redeem(" link " + code.code().toLowerCase() + " ", AAD);
        assertThat(linked.getAadObjectId()).isEqualTo(AAD.toLowerCase());
        assertThat(users.findByTeamsIdentity(AAD.toLowerCase())).map(User::getEmail).contains("mia@lux.test");
        assertThatThrownBy(() -> codes.redeem(code.code(), "another-aad")).isInstanceOf(InvalidInputException.class)
            .hasMessageContaining("unknown or has expired");
        assertThat(jdbc.queryForList("SELECT channel FROM audit_entry WHERE action = 'user.link-teams'", String.class))
            .containsExactly("TEAMS");
    }

    @Test
    void codesExpireAndANewCodeReplacesTheOld() {
        LinkCode first = codes.issue(mia.getId(), Actor.system());
        LinkCode second = codes.issue(mia.getId(), Actor.system());
        assertThatThrownBy(() -> codes.redeem(first.code(), AAD)).hasMessageContaining("unknown or has expired");
        clock.advance(LinkCodeService.VALIDITY.plus(Duration.ofSeconds(1)));
        assertThatThrownBy(() -> codes.redeem(second.code(), AAD)).hasMessageContaining("unknown or has expired");
        assertThat(users.get(mia.getId()).getAadObjectId()).isNull();
    }

    @Test
    void disabledUsersGetNoCodeAndOnlyCodeShapedTextIsACode() {
        users.setEnabled(mia.getId(), false, Actor.system());
        assertThatThrownBy(() -> codes.issue(mia.getId(), Actor.system())).hasMessageContaining("disabled");
        assertThat(LinkCodeService.looksLikeCode("ABCD-EFGH")).isTrue();
        assertThat(LinkCodeService.looksLikeCode("link abcdefgh")).isTrue();
        assertThat(LinkCodeService.looksLikeCode("hello there")).isFalse();
        assertThat(LinkCodeService.looksLikeCode("ABCD-EFG1")).isFalse();
    }

}
