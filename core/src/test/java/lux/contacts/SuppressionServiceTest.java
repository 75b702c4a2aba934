package lux.contacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import lux.audit.Actor;
import lux.suppression.Suppression;
import lux.suppression.SuppressionReason;
import lux.suppression.SuppressionService;
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
class SuppressionServiceTest {

    @Autowired
    SuppressionService suppressions;

    @Autowired
    JdbcTemplate jdbc;

    @BeforeEach
    void clean() {
        DatabaseCleaner.clean(jdbc);
    }

    @Test
    void addressDomainAndHashedEntriesSuppress() {
        suppressions.suppressAddress("Bob@Example.com", SuppressionReason.UNSUBSCRIBED, null, Actor.system());
        suppressions.suppressDomain("@Competitor.io", "policy", Actor.system());
        suppressions.suppressErased("gone@example.org", Actor.system());

        assertThat(suppressions.isSuppressed("bob@example.com")).isTrue();
        assertThat(suppressions.isSuppressed("anyone@competitor.io")).isTrue();
        assertThat(suppressions.isSuppressed("GONE@example.org")).isTrue();
        assertThat(suppressions.isSuppressed("alice@example.com")).isFalse();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM suppression WHERE entry LIKE '%gone%'", Integer.class))
            .isZero();
    }

    @Test
    void addingTwiceKeepsOneEntryAndErasedEntriesCannotBeRemoved() {
        Suppression first = suppressions.suppressAddress("a@example.com", SuppressionReason.BOUNCED, null,
                Actor.system());
        Suppression again = suppressions.suppressAddress("A@example.com", SuppressionReason.MANUAL, null,
                Actor.system());
        assertThat(again.getId()).isEqualTo(first.getId());
        assertThat(again.getReason()).isEqualTo(SuppressionReason.BOUNCED);
        Suppression erased = suppressions.suppressErased("x@example.com", Actor.system());
        assertThatThrownBy(() -> suppressions.remove(erased.getId(), Actor.system()))
            .hasMessageContaining("stays suppressed");
        assertThatThrownBy(() -> suppressions.suppressDomain("not a domain", null, Actor.system()))
            .hasMessageContaining("not a valid domain");
    }

}
