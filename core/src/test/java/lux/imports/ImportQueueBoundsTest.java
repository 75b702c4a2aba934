package lux.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import lux.audit.Actor;
import lux.shared.ConflictException;
import lux.testsupport.CoreTestApplication;
import lux.testsupport.DatabaseCleaner;
import lux.testsupport.DatabaseTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Background imports wait in a bounded queue: when it is full a new import is refused at
 * once, clearly, and nothing is lost.
 */
@DatabaseTest
@SpringBootTest(classes = CoreTestApplication.class,
        properties = { "lux.imports.threads=1", "lux.imports.queue-capacity=1" })
class ImportQueueBoundsTest {

    @Autowired
    ContactImportService imports;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aFullQueueRefusesTheNextImportAndTheQueuedOnesStillFinish() throws Exception {
        DatabaseCleaner.clean(jdbc);
        // the first import reads a file that is still arriving (a slow upload): it holds
        // the only import thread
        PipedOutputStream upload = new PipedOutputStream();
        PipedInputStream slow = new PipedInputStream(upload);
        long first = imports.start(new ImportRequest("slow.csv", () -> slow, Set.of(), null), Actor.system());
        long second = imports.start(csv("queued.csv", "email\nqueued@example.com\n"), Actor.system());

        assertThatThrownBy(() -> imports.start(csv("third.csv", "email\nthird@example.com\n"), Actor.system()))
            .isInstanceOf(ConflictException.class)
            .hasMessageContaining("already running 1 import(s) with 1 more waiting")
            .hasMessageContaining("try again in a few minutes");
        // refused before a job was written, or (when the queue filled at that very
        // moment) recorded as failed with the reason
        assertThat(jdbc.queryForList(
                "SELECT status || ': ' || failure FROM contact_import WHERE file_name = 'third.csv'", String.class))
            .allSatisfy(row -> assertThat(row).startsWith("FAILED: LUX is already running"));

        upload.write("email\nslow@example.com\n".getBytes(StandardCharsets.UTF_8));
        upload.close();
        awaitDone(first);
        awaitDone(second);
        assertThat(imports.get(first).status()).isEqualTo(ImportStatus.FINISHED);
        assertThat(imports.get(second).status()).isEqualTo(ImportStatus.FINISHED);
        assertThat(jdbc.queryForList("SELECT email FROM contact ORDER BY email", String.class))
            .containsExactly("queued@example.com", "slow@example.com");
        // with the queue free again, imports are taken as before
        awaitDone(imports.start(csv("later.csv", "email\nlater@example.com\n"), Actor.system()));
    }

    private static ImportRequest csv(String name, String text) {
        return new ImportRequest(name, ImportSource.of(text.getBytes(StandardCharsets.UTF_8)), Set.of(), null);
    }

    private void awaitDone(long id) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!imports.get(id).status().done() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(imports.get(id).status().done()).as("import %d finished", id).isTrue();
    }

}
