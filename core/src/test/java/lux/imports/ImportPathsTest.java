package lux.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import lux.audit.Actor;
import lux.audit.Channel;
import lux.contacts.ContactService;
import lux.contacts.ContactView;
import lux.contacts.NewContact;
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

/**
 * The same file gives the same contacts, counts and error report on both write paths:
 * PostgreSQL's COPY into a staging table with set-based statements, and H2's row-wise
 * batches. Runs on H2 and on PostgreSQL against one literal expectation, with the default
 * batch size of each database (so PostgreSQL really takes its COPY path). The fixture
 * mixes invalid rows, a repeat in the file, suppressed addresses (address, domain, erased
 * hash), existing contacts (one on a suppressed domain, which is updated, not refused),
 * tags, and values COPY must escape (a tab, a backslash, a line break, a literal \N).
 */
@DatabaseTest
@SpringBootTest(classes = { CoreTestApplication.class, ImportEventsCollector.class },
        properties = { "lux.imports.progress-interval=0s", "lux.delivery.enabled=false",
                "spring.datasource.hikari.maximum-pool-size=3", ContactImportTest.SPOOL })
class ImportPathsTest {

    static final Actor MIA = new Actor(null, "mia@lux.test", Channel.TEAMS);

    private static final String REPORT = """
            line,email,problem
            4,not-an-address,""" + "\"\"\"not-an-address\"\" is not a valid email address.\"\n"
            + "6,bounced@example.com,\"Not imported: the address is on the suppression list (bounced), so it stays unmailable.\"\n"
            + "7,someone@blocked.example,\"Not imported: the address is on the suppression list (manual), so it stays unmailable.\"\n"
            + "8,,\"Not imported: the address is on the suppression list (erased), so it stays unmailable.\"\n"
            + "12,short@example.com,\"The row has 2 columns but the header has 6. Check for a missing or extra delimiter, or a quote that is not closed.\"\n";

    @Autowired
    ContactImportService imports;

    @Autowired
    ContactService contacts;

    @Autowired
    SuppressionService suppressions;

    @Autowired
    JdbcTemplate jdbc;

    @BeforeEach
    void clean() {
        DatabaseCleaner.clean(jdbc);
        contacts.create(new NewContact("old@example.com", "Olivia", "Stone", "Old Co",
                Map.of("city", "Bern", "plan", "free"), Set.of("old"), null), MIA);
        contacts.create(new NewContact("kept@blocked.example", null, "Keller", null, Map.of(), Set.of(), null), MIA);
        suppressions.suppressAddress("bounced@example.com", SuppressionReason.BOUNCED, null, MIA);
        suppressions.suppressDomain("blocked.example", null, MIA);
        suppressions.suppressErased("erased@example.com", MIA);
    }

    @Test
    void addNewOnlyGivesTheSameResultOnBothPaths() {
        ImportJob job = imports
            .importNow(ContactImportTest.fixture("mixed-paths.csv", ImportMode.ADD_NEW_ONLY, "Autumn"), MIA);

        assertThat(List.of(job.rowsDone(), job.created(), job.updated(), job.skipped(), job.invalid()))
            .containsExactly(10L, 2L, 0L, 6L, 2L);
        assertThat(imports.errorReport(job.id()).orElseThrow().replace("\r\n", "\n")).isEqualTo(REPORT);
        assertThat(snapshot()).isEqualTo(
                """
                        ada@example.com|Ada|Lovelace|Engines, Ltd|{city=London, plan=gold}|ACTIVE|[autumn]|import #ID of mixed-paths.csv by mia@lux.test via TEAMS
                        kept@blocked.example|null|Keller|null|{}|ACTIVE|[]|added by mia@lux.test via TEAMS
                        old@example.com|Olivia|Stone|Old Co|{city=Bern, plan=free}|ACTIVE|[old]|added by mia@lux.test via TEAMS
                        tab@example.com|Tab\tName|Back\\slash|Line
                        Break Co|{city=Zürich, plan=\\N}|ACTIVE|[autumn]|import #ID of mixed-paths.csv by mia@lux.test via TEAMS
                        """
                    .replace("#ID", "#" + job.id()));
    }

    @Test
    void updateExistingGivesTheSameResultOnBothPaths() {
        ImportJob job = imports
            .importNow(ContactImportTest.fixture("mixed-paths.csv", ImportMode.UPDATE_EXISTING, "Autumn"), MIA);

        assertThat(List.of(job.rowsDone(), job.created(), job.updated(), job.skipped(), job.invalid()))
            .containsExactly(10L, 2L, 2L, 4L, 2L);
        assertThat(imports.errorReport(job.id()).orElseThrow().replace("\r\n", "\n")).isEqualTo(REPORT);
        assertThat(snapshot()).isEqualTo(
                """
                        ada@example.com|Ada|Lovelace|Engines, Ltd|{city=London, plan=gold}|ACTIVE|[autumn]|import #ID of mixed-paths.csv by mia@lux.test via TEAMS
                        kept@blocked.example|Kim|Keller|null|{city=Oslo}|ACTIVE|[autumn]|added by mia@lux.test via TEAMS
                        old@example.com|Olga|Stone|New Co|{city=Bern, plan=platinum}|ACTIVE|[autumn, old]|added by mia@lux.test via TEAMS
                        tab@example.com|Tab\tName|Back\\slash|Line
                        Break Co|{city=Zürich, plan=\\N}|ACTIVE|[autumn]|import #ID of mixed-paths.csv by mia@lux.test via TEAMS
                        """
                    .replace("#ID", "#" + job.id()));

        ImportJob again = imports
            .importNow(ContactImportTest.fixture("mixed-paths.csv", ImportMode.UPDATE_EXISTING, "Autumn"), MIA);
        assertThat(List.of(again.created(), again.updated(), again.skipped(), again.invalid())).containsExactly(0L, 4L,
                4L, 2L);
        assertThat(contacts.findByEmail("ada@example.com").orElseThrow().tags()).containsExactly("autumn");
    }

    /**
     * Every contact with the fields an import sets, attributes and tags sorted, one line
     * each in address order.
     */
    private String snapshot() {
        return jdbc.queryForList("SELECT email FROM contact ORDER BY email", String.class)
            .stream()
            .map(email -> contacts.findByEmail(email).orElseThrow())
            .map(ImportPathsTest::line)
            .collect(Collectors.joining("\n", "", "\n"));
    }

    private static String line(ContactView c) {
        return String.join("|", c.email(), String.valueOf(c.firstName()), String.valueOf(c.lastName()),
                String.valueOf(c.company()), new TreeMap<>(c.attributes()).toString(), c.status().name(),
                c.tags().stream().sorted().toList().toString(), String.valueOf(c.consentSource()));
    }

}
