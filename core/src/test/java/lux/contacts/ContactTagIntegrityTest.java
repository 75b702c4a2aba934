package lux.contacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import lux.audit.Actor;
import lux.audit.Channel;
import lux.gdpr.GdprService;
import lux.testsupport.CoreTestApplication;
import lux.testsupport.DatabaseCleaner;
import lux.testsupport.DatabaseTest;
import lux.testsupport.PostgresWaits;
import lux.testsupport.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * No tag link outlives its contact or tag, and none can point at a missing one: H2 by its
 * foreign keys, PostgreSQL by V133's statement-level triggers (checked and locked per
 * statement instead of per link). On PostgreSQL the races are staged for real with a
 * second, uncommitted transaction.
 */
@DatabaseTest
@SpringBootTest(classes = CoreTestApplication.class, properties = "spring.datasource.hikari.maximum-pool-size=5")
class ContactTagIntegrityTest {

    static final Actor MIA = new Actor(null, "mia@lux.test", Channel.TEAMS);

    static final String ORPHANS = "SELECT COUNT(*) FROM contact_tag ct WHERE NOT EXISTS "
            + "(SELECT 1 FROM contact c WHERE c.id = ct.contact_id) OR NOT EXISTS (SELECT 1 FROM tag t WHERE t.id = ct.tag_id)";

    @Autowired
    ContactService contacts;

    @Autowired
    ContactBulkService bulk;

    @Autowired
    GdprService gdpr;

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcTemplate jdbc;

    @BeforeEach
    void clean() {
        DatabaseCleaner.clean(jdbc);
    }

    private long add(String email, String... tags) {
        return contacts.create(new NewContact(email, null, null, null, Map.of(), Set.of(tags), null), MIA).id();
    }

    private long tag(String name) {
        return jdbc.queryForObject("SELECT id FROM tag WHERE name = ?", Long.class, name);
    }

    private List<String> links() {
        return jdbc
            .queryForList("SELECT c.email || ':' || t.name FROM contact_tag ct JOIN contact c ON c.id = ct.contact_id "
                    + "JOIN tag t ON t.id = ct.tag_id ORDER BY c.email, t.name", String.class);
    }

    @Test
    void everyWayOfDeletingContactsOrTagsTakesTheirLinksAlong() {
        long ada = add("ada@example.com", "vip", "news");
        add("bob@example.com", "vip", "news");
        add("cy@example.com", "vip", "news", "trial");
        add("dee@example.com", "news", "trial");
        add("eve@example.com", "vip", "trial");
        add("fay@example.com", "news");

        contacts.delete(ada, MIA); // one contact, through JPA
        assertThat(bulk.delete(ContactFilter.tagged("trial"), 3, MIA)).isEqualTo(3); // a
                                                                                     // bulk
                                                                                     // delete:
                                                                                     // one
                                                                                     // statement
        assertThat(gdpr.erase("bob@example.com", MIA).contactDeleted()).isTrue(); // an
                                                                                  // erasure
        jdbc.update("DELETE FROM tag WHERE name = 'vip'"); // a tag

        assertThat(links()).containsExactly("fay@example.com:news");
        assertThat(jdbc.queryForObject(ORPHANS, Long.class)).isZero();
    }

    @Test
    void aLinkToAMissingContactOrTagIsRefusedWholeStatement() {
        long ada = add("ada@example.com", "vip");
        long bob = add("bob@example.com");
        long vip = tag("vip");

        assertThatThrownBy(
                () -> jdbc.update("INSERT INTO contact_tag (contact_id, tag_id) VALUES (?, ?)", ada + bob + 1, vip))
            .isInstanceOf(DataIntegrityViolationException.class);
        assertThatThrownBy(
                () -> jdbc.update("INSERT INTO contact_tag (contact_id, tag_id) VALUES (?, ?)", bob, vip + 1))
            .isInstanceOf(DataIntegrityViolationException.class);
        // one bad link of two: neither is written
        assertThatThrownBy(() -> jdbc.update("INSERT INTO contact_tag (contact_id, tag_id) VALUES (?, ?), (?, ?)", bob,
                vip, ada + bob + 1, vip))
            .isInstanceOf(DataIntegrityViolationException.class);
        assertThatThrownBy(() -> jdbc.update("UPDATE contact_tag SET tag_id = ? WHERE contact_id = ?", vip + 1, ada))
            .isInstanceOf(DataIntegrityViolationException.class);
        // the id of a tagged contact or tag stays (ON UPDATE NO ACTION); an untagged
        // one's may change
        assertThatThrownBy(() -> jdbc.update("UPDATE contact SET id = ? WHERE id = ?", ada + bob + 10, ada))
            .isInstanceOf(DataIntegrityViolationException.class);
        assertThatThrownBy(() -> jdbc.update("UPDATE tag SET id = ? WHERE id = ?", vip + 10, vip))
            .isInstanceOf(DataIntegrityViolationException.class);
        assertThat(jdbc.update("UPDATE contact SET id = ? WHERE id = ?", ada + bob + 10, bob)).isEqualTo(1);

        assertThat(links()).containsExactly("ada@example.com:vip");
        assertThat(jdbc.queryForObject(ORPHANS, Long.class)).isZero();
    }

    @Test
    void truncatingTagsTakesTheLinksAlong() {
        assumeTrue(TestDatabase.postgres(), "H2 refuses to truncate a referenced table; the trigger is PostgreSQL's");
        add("ada@example.com", "vip");
        jdbc.execute("TRUNCATE tag CASCADE");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM contact_tag", Long.class)).isZero();
    }

    /**
     * A contact being tagged by a transaction that has not committed yet: deleting it
     * waits for that transaction and then deletes the new link too (so does deleting the
     * tag).
     */
    @Test
    void aDeleteWaitsForAnUncommittedLinkAndTakesItAlong() throws Exception {
        assumeTrue(TestDatabase.postgres(), "the row locks are PostgreSQL's; H2 has the foreign keys");
        long ada = add("ada@example.com");
        add("bob@example.com", "vip");
        long vip = tag("vip");
        assertThat(deleteBehindUncommittedLink(ada, vip, "DELETE FROM contact WHERE id = ?", ada)).isEqualTo(1);
        assertThat(links()).containsExactly("bob@example.com:vip");

        long cy = add("cy@example.com");
        assertThat(deleteBehindUncommittedLink(cy, vip, "DELETE FROM tag WHERE id = ?", vip)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM contact_tag", Long.class)).isZero();
    }

    /**
     * Runs {@code delete} while another transaction holds an uncommitted link of
     * {@code contact} and {@code tag}: it must wait for that transaction, which then
     * commits; returns the rows the delete took.
     */
    private int deleteBehindUncommittedLink(long contact, long tag, String delete, long id) throws Exception {
        try (Connection other = dataSource.getConnection()) {
            other.setAutoCommit(false);
            try (Statement s = other.createStatement()) {
                s.executeUpdate("INSERT INTO contact_tag (contact_id, tag_id) VALUES (" + contact + ", " + tag + ")");
            }
            long xid = PostgresWaits.xid(other);
            CompletableFuture<Integer> deleting = CompletableFuture.supplyAsync(() -> jdbc.update(delete, id));
            PostgresWaits.awaitWaitingFor(jdbc, xid, "the delete");
            other.commit();
            return deleting.get(30, TimeUnit.SECONDS);
        }
    }

    /**
     * The app's tagging of a contact another transaction is deleting: it waits for that
     * transaction and, once the contact is gone, fails like the foreign key did; no link
     * is left.
     */
    @Test
    void taggingWaitsForAnUncommittedDeleteAndIsRefused() throws Exception {
        assumeTrue(TestDatabase.postgres(), "the row locks are PostgreSQL's; H2 has the foreign keys");
        long ada = add("ada@example.com", "vip");
        add("bob@example.com", "news");
        try (Connection other = dataSource.getConnection()) {
            other.setAutoCommit(false);
            try (Statement s = other.createStatement()) {
                s.executeUpdate("DELETE FROM contact WHERE id = " + ada);
            }
            long xid = PostgresWaits.xid(other);
            CompletableFuture<Integer> tagging = CompletableFuture
                .supplyAsync(() -> contacts.tag(List.of(ada), List.of("news"), MIA));
            PostgresWaits.awaitWaitingFor(jdbc, xid, "the statement");
            other.commit();
            assertThatThrownBy(() -> tagging.get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(DataIntegrityViolationException.class);
        }
        assertThat(links()).containsExactly("bob@example.com:news");
        assertThat(jdbc.queryForObject(ORPHANS, Long.class)).isZero();
    }

}
