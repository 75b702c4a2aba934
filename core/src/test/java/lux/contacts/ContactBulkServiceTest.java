package lux.contacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import lux.audit.Actor;
import lux.audit.AuditService;
import lux.audit.Channel;
import lux.imports.ContactImportService;
import lux.imports.ImportJob;
import lux.imports.ImportMode;
import lux.imports.ImportRequest;
import lux.imports.ImportSource;
import lux.shared.ConflictException;
import lux.shared.InvalidInputException;
import lux.testsupport.CoreTestApplication;
import lux.testsupport.DatabaseCleaner;
import lux.testsupport.DatabaseTest;
import lux.testsupport.MutableClock;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;

@DatabaseTest
// A small pool: this context stays cached beside the others, and the shared PostgreSQL
// has a connection limit.
@SpringBootTest(classes = { CoreTestApplication.class, ContactBulkServiceTest.Clocks.class },
        properties = "spring.datasource.hikari.maximum-pool-size=3")
class ContactBulkServiceTest {

    static final Instant START = Instant.parse("2026-03-01T09:00:00Z");
    static final Actor MIA = new Actor(null, "mia@lux.test", Channel.CONSOLE);

    @TestConfiguration(proxyBeanMethods = false)
    static class Clocks {

        @Bean
        @Primary // whether or not core's own clock bean was registered first
        MutableClock bulkTestClock() {
            return new MutableClock(START);
        }

    }

    @Autowired
    ContactBulkService bulk;

    @Autowired
    ContactService contacts;

    @Autowired
    ContactImportService imports;

    @Autowired
    AuditService audit;

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcTemplate jdbc;

    @BeforeEach
    void setUp() {
        DatabaseCleaner.clean(jdbc);
        clock.set(START);
        add("ada@example.com", Map.of("plan", "gold", "city", "London"), "vip", "newsletter");
        add("bob@example.com", Map.of("plan", "free"), "newsletter");
        ContactView carol = add("carol@example.com", Map.of("plan", "gold"), "newsletter", "partner");
        contacts.changeStatus(carol.id(), ContactStatus.UNSUBSCRIBED, MIA);
        clock.advance(Duration.ofDays(2));
        add("dan@example.com", Map.of("plan", "gold_plus", "note", "says \"plan\":\"gold\", really"));
    }

    private ContactView add(String email, Map<String, String> attributes, String... tags) {
        return contacts.create(new NewContact(email, null, null, null, attributes, Set.of(tags), null), MIA);
    }

    private List<String> emails(ContactFilter filter) {
        return bulk.preview(filter, 100).sample();
    }

    @Test
    void filtersCombineTagsStatusAttributesAndCreationTime() {
        assertThat(bulk.count(ContactFilter.everyone())).isEqualTo(4);
        assertThat(emails(ContactFilter.tagged("vip", "partner"))).containsExactly("ada@example.com",
                "carol@example.com");
        assertThat(emails(new ContactFilter(new AudienceFilter(Set.of(), Set.of("newsletter", "vip"), Set.of()), null,
                null, null)))
            .containsExactly("ada@example.com");
        assertThat(emails(new ContactFilter(new AudienceFilter(Set.of("newsletter"), Set.of(), Set.of("partner")), null,
                null, null)))
            .containsExactly("ada@example.com", "bob@example.com");
        assertThat(emails(new ContactFilter(null, ContactStatus.UNSUBSCRIBED, null, null)))
            .containsExactly("carol@example.com");
        assertThat(emails(new ContactFilter(null, null, Map.of("Plan", "gold"), null)))
            .containsExactly("ada@example.com", "carol@example.com");
        assertThat(
                emails(new ContactFilter(null, ContactStatus.ACTIVE, Map.of("plan", "gold", "city", "London"), null)))
            .containsExactly("ada@example.com");
        assertThat(emails(new ContactFilter(null, null, null, START.plus(Duration.ofDays(1)))))
            .containsExactly("dan@example.com");
        BulkPreview preview = bulk.preview(ContactFilter.tagged("newsletter"), 2);
        assertThat(preview.count()).isEqualTo(3);
        assertThat(preview.sample()).containsExactly("ada@example.com", "bob@example.com");
        assertThatThrownBy(() -> bulk.count(ContactFilter.tagged("vpi"))).isInstanceOf(InvalidInputException.class)
            .hasMessageContaining("Unknown tag vpi");
    }

    @Test
    void tagAndUntagByFilterCountRealChanges() {
        ContactFilter gold = new ContactFilter(null, null, Map.of("plan", "gold"), null);

        assertThat(bulk.tag(gold, List.of("Gold Members", "vip"), MIA)).isEqualTo(3); // ada
                                                                                      // already
                                                                                      // vip
        assertThat(contacts.findByEmail("carol@example.com").orElseThrow().tags()).contains("gold members", "vip");
        assertThat(bulk.tag(gold, List.of("vip"), MIA)).isZero();
        assertThat(bulk.untag(ContactFilter.everyone(), List.of("vip"), MIA)).isEqualTo(2);
        assertThat(bulk.count(ContactFilter.tagged("vip"))).isZero();
        assertThatThrownBy(() -> bulk.untag(gold, List.of("nosuch"), MIA)).hasMessage("Unknown tag nosuch.");
        assertThat(audit.recent(org.springframework.data.domain.PageRequest.of(0, 10))).extracting(e -> e.getAction())
            .contains("contact.bulk-tag", "contact.bulk-untag");
    }

    @Test
    void deleteNeedsTheCountThePersonConfirmed() {
        ContactFilter newsletter = ContactFilter.tagged("newsletter");
        BulkPreview preview = bulk.preview(newsletter, 5);
        add("eve@example.com", Map.of(), "newsletter");

        assertThatThrownBy(() -> bulk.delete(newsletter, preview.count(), MIA)).isInstanceOf(ConflictException.class)
            .hasMessage(
                    "The filter (contacts tagged any of newsletter) now matches 4 contacts, not the 3 you confirmed. "
                            + "Nothing was deleted; preview again and confirm the new number.");
        assertThat(bulk.count(ContactFilter.everyone())).isEqualTo(5);

        assertThat(bulk.delete(newsletter, 4, MIA)).isEqualTo(4);
        assertThat(jdbc.queryForList("SELECT email FROM contact", String.class)).containsExactly("dan@example.com");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM contact_tag", Integer.class)).isZero();
    }

    @Test
    void exportStreamsCsvThatImportsBackUnchanged() throws Exception {
        StringWriter out = new StringWriter();
        long exported = bulk.export(new ContactFilter(null, ContactStatus.ACTIVE, null, null), out, MIA);

        assertThat(exported).isEqualTo(3);
        List<CSVRecord> rows = CSVFormat.DEFAULT.builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .get()
            .parse(new StringReader(out.toString()))
            .getRecords();
        assertThat(rows).extracting(r -> r.get("email"))
            .containsExactly("ada@example.com", "bob@example.com", "dan@example.com");
        assertThat(rows.get(0).get("tags")).isEqualTo("newsletter, vip");
        assertThat(rows.get(0).get("city")).isEqualTo("London");
        assertThat(rows.get(1).get("city")).isEmpty();
        assertThat(rows.get(2).get("note")).isEqualTo("says \"plan\":\"gold\", really");
        assertThat(rows.get(0).get("created_at")).isEqualTo(START.toString());

        DatabaseCleaner.clean(jdbc);
        ImportJob job = imports.importNow(new ImportRequest("export.csv",
                ImportSource.of(out.toString().getBytes(StandardCharsets.UTF_8)), Set.of(), ImportMode.ADD_NEW_ONLY),
                MIA);
        assertThat(List.of(job.created(), job.invalid())).containsExactly(3L, 0L);
        assertThat(contacts.findByEmail("ada@example.com").orElseThrow().attributes())
            .containsOnly(Map.entry("plan", "gold"), Map.entry("city", "London"));
    }

    @Test
    void formulaCellsAreQuotedInTheExportAndComeBackAsTheyWereOnImport() throws Exception {
        String formula = "=HYPERLINK(\"http://evil\",\"x\")";
        contacts.create(new NewContact("eve@example.com", formula, "@SUM(A1)", null,
                Map.of("phone", "+1 555 0100", "macro", "-2+3+cmd|' /C calc'!A0"), Set.of(), null), MIA);
        StringWriter out = new StringWriter();
        bulk.export(new ContactFilter(null, ContactStatus.ACTIVE, null, null), out, MIA);

        CSVRecord eve = CSVFormat.DEFAULT.builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .get()
            .parse(new StringReader(out.toString()))
            .getRecords()
            .stream()
            .filter(r -> r.get("email").equals("eve@example.com"))
            .findFirst()
            .orElseThrow();
        assertThat(eve.get("first_name")).isEqualTo("'" + formula);
        assertThat(eve.get("last_name")).isEqualTo("'@SUM(A1)");
        assertThat(eve.get("macro")).isEqualTo("'-2+3+cmd|' /C calc'!A0");
        assertThat(eve.get("phone")).isEqualTo("+1 555 0100");

        DatabaseCleaner.clean(jdbc);
        imports.importNow(new ImportRequest("export.csv",
                ImportSource.of(out.toString().getBytes(StandardCharsets.UTF_8)), Set.of(), ImportMode.ADD_NEW_ONLY),
                MIA);
        var back = contacts.findByEmail("eve@example.com").orElseThrow();
        assertThat(back.firstName()).isEqualTo(formula);
        assertThat(back.lastName()).isEqualTo("@SUM(A1)");
        assertThat(back.attributes()).containsOnly(Map.entry("phone", "+1 555 0100"),
                Map.entry("macro", "-2+3+cmd|' /C calc'!A0"));
    }

}
