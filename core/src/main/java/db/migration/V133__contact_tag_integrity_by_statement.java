package db.migration;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * An import's writes cost PostgreSQL less CPU per row (issue 21), with the same
 * integrity.
 * <p>
 * contact_tag's two foreign keys checked every new link on its own (two trigger calls and
 * a row lock per link: 20,000 of each per import batch, a third of the batch's time). On
 * PostgreSQL they become statement-level triggers that do the same per statement, over
 * its transition table:
 * <ul>
 * <li>after an insert or update of links: every named tag and contact must exist, and is
 * locked {@code FOR KEY SHARE} as the foreign key did, so a concurrent delete waits for
 * this transaction (and then deletes the links too) or, having deleted first, makes this
 * statement fail with the foreign key's SQLSTATE (23503). Contacts whose row this
 * transaction wrote (xmin) are not locked: no one else can delete them before it ends (a
 * new row is invisible to others; an updated one holds the row lock);</li>
 * <li>after a delete of contacts or tags: their links go in one statement (ON DELETE
 * CASCADE); after a TRUNCATE of either, all links go;</li>
 * <li>the id of a contact or tag that has links does not change (ON UPDATE NO
 * ACTION).</li>
 * </ul>
 * The consent ledger's index by address hash becomes a hash index: the only query on it
 * is equality ({@code WHERE email_hash = ?}, a person's events, a handful, sorted by id
 * after the lookup), and a B-tree of random 64-character keys cost half of each ledger
 * write. H2 keeps the foreign keys and the B-tree.
 */
public class V133__contact_tag_integrity_by_statement extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        Connection c = context.getConnection();
        if (!"PostgreSQL".equals(c.getMetaData().getDatabaseProductName())) {
            return;
        }
        ForeignKeys.drop(c, "contact_tag", List.of("contact_id", "tag_id"), 2);
        try (Statement s = c.createStatement()) {
            // Joins by index probe (the planner would otherwise merge-join a batch's
            // 20,000 links against the whole contact table); no JIT for a 20 ms query.
            s.execute("""
                    CREATE FUNCTION contact_tag_check() RETURNS trigger LANGUAGE plpgsql AS $$
                    DECLARE
                        missing bigint;
                    BEGIN
                        SELECT count(*) INTO missing FROM (SELECT DISTINCT n.tag_id FROM new_links n) n
                            LEFT JOIN LATERAL (SELECT 1 AS ok FROM tag t WHERE t.id = n.tag_id FOR KEY SHARE) k ON true
                            WHERE k.ok IS NULL;
                        IF missing = 0 THEN
                            SELECT count(*) INTO missing FROM new_links n LEFT JOIN contact c ON c.id = n.contact_id
                                LEFT JOIN LATERAL (SELECT 1 AS ok FROM contact l WHERE l.id = n.contact_id
                                    AND c.xmin <> pg_current_xact_id()::xid FOR KEY SHARE) k ON true
                                WHERE c.id IS NULL OR (k.ok IS NULL AND c.xmin <> pg_current_xact_id()::xid);
                        END IF;
                        IF missing > 0 THEN
                            RAISE EXCEPTION 'contact_tag: a link to a contact or tag that does not exist'
                                USING ERRCODE = 'foreign_key_violation';
                        END IF;
                        RETURN NULL;
                    END $$ SET search_path FROM CURRENT SET jit = off SET enable_hashjoin = off
                        SET enable_mergejoin = off
                    """);
            s.execute("CREATE TRIGGER contact_tag_check_insert AFTER INSERT ON contact_tag "
                    + "REFERENCING NEW TABLE AS new_links FOR EACH STATEMENT EXECUTE FUNCTION contact_tag_check()");
            s.execute("CREATE TRIGGER contact_tag_check_update AFTER UPDATE ON contact_tag "
                    + "REFERENCING NEW TABLE AS new_links FOR EACH STATEMENT EXECUTE FUNCTION contact_tag_check()");
            for (String[] parent : List.of(new String[] { "contact", "contact_id" },
                    new String[] { "tag", "tag_id" })) {
                String table = parent[0];
                String column = parent[1];
                s.execute(
                        "CREATE FUNCTION contact_tag_of_deleted_" + table + "() RETURNS trigger LANGUAGE plpgsql AS $$ "
                                + "BEGIN DELETE FROM contact_tag ct USING old_rows o WHERE ct." + column + " = o.id; "
                                + "RETURN NULL; END $$ SET search_path FROM CURRENT");
                s.execute("CREATE TRIGGER " + table + "_deletes_contact_tag AFTER DELETE ON " + table
                        + " REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION contact_tag_of_deleted_"
                        + table + "()");
                s.execute("CREATE FUNCTION contact_tag_of_truncated_" + table
                        + "() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN DELETE FROM contact_tag; RETURN NULL; END $$ "
                        + "SET search_path FROM CURRENT");
                s.execute("CREATE TRIGGER " + table + "_truncates_contact_tag AFTER TRUNCATE ON " + table
                        + " FOR EACH STATEMENT EXECUTE FUNCTION contact_tag_of_truncated_" + table + "()");
                s.execute("CREATE FUNCTION contact_tag_keeps_" + table + "_id() RETURNS trigger LANGUAGE plpgsql AS $$ "
                        + "BEGIN IF EXISTS (SELECT 1 FROM contact_tag WHERE " + column + " = OLD.id) THEN "
                        + "RAISE EXCEPTION 'contact_tag: the id of a tagged " + table + " does not change' "
                        + "USING ERRCODE = 'foreign_key_violation'; END IF; RETURN NEW; END $$ "
                        + "SET search_path FROM CURRENT");
                s.execute("CREATE TRIGGER " + table + "_id_kept_for_contact_tag BEFORE UPDATE OF id ON " + table
                        + " FOR EACH ROW WHEN (OLD.id IS DISTINCT FROM NEW.id) EXECUTE FUNCTION contact_tag_keeps_"
                        + table + "_id()");
            }
            s.execute("DROP INDEX ix_consent_event_email");
            s.execute("CREATE INDEX ix_consent_event_email ON consent_event USING hash (email_hash)");
        }
    }

}
