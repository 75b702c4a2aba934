package lux.consent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import lux.audit.Actor;
import lux.audit.Channel;
import lux.contacts.ContactService;
import lux.contacts.ContactStatus;
import lux.contacts.NewContact;
import lux.gdpr.GdprService;
import lux.imports.ContactImportService;
import lux.imports.ImportRequest;
import lux.imports.ImportSource;
import lux.testsupport.CoreTestApplication;
import lux.testsupport.DatabaseCleaner;
import lux.testsupport.DatabaseTest;
import lux.testsupport.WholeDatabaseScan;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The consent ledger records each existing road in (console, chat, import) and out
 * (unsubscribe, erasure), and outlives erasure.
 */
@DatabaseTest
@SpringBootTest(classes = CoreTestApplication.class)
class ConsentLedgerTest {

    static final Actor MIA = new Actor(null, "Mia", Channel.CONSOLE);
    static final Actor BOT_USER = new Actor(null, "Tom", Channel.TEAMS);

    @Autowired
    ConsentLedger ledger;

    @Autowired
    ContactService contacts;

    @Autowired
    ContactImportService imports;

    @Autowired
    GdprService gdpr;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    JdbcTemplate jdbc;

    @BeforeEach
    void clean() {
        DatabaseCleaner.clean(jdbc);
    }

    @Test
    void consoleAndChatAdditionsNameWhoAddedAndWhere() {
        long id = contacts.create(NewContact.of("ann@example.org"), MIA).id();
        contacts.create(NewContact.of("ben@example.org"), BOT_USER);
        ConsentEvent ann = ledger.history("ann@example.org").get(0);
        assertThat(ann.kind()).isEqualTo(ConsentKind.ADDED);
        assertThat(ann.channel()).isEqualTo("console");
        assertThat(ann.actor()).isEqualTo("Mia");
        assertThat(ann.contactId()).isEqualTo(id);
        assertThat(ledger.history("ben@example.org")).singleElement().satisfies(e -> {
            assertThat(e.channel()).isEqualTo("teams");
            assertThat(e.actor()).isEqualTo("Tom");
        });
    }

    @Test
    void anImportRecordsEachNewContactWithItsFileAndNotTheOnesItOnlyUpdates() {
        contacts.create(NewContact.of("old@example.org"), MIA);
        imports.importNow(new ImportRequest("fair-2026.csv", ImportSource
            .of("email\nnew1@example.org\nnew2@example.org\nold@example.org\n".getBytes(StandardCharsets.UTF_8)),
                Set.of("fair"), null), MIA);
        for (String email : List.of("new1@example.org", "new2@example.org")) {
            assertThat(ledger.history(email)).singleElement().satisfies(e -> {
                assertThat(e.kind()).isEqualTo(ConsentKind.IMPORT);
                assertThat(e.channel()).isEqualTo("import");
                assertThat(e.source()).contains("fair-2026.csv").contains("by Mia");
                assertThat(e.contactId()).isEqualTo(contacts.findByEmail(email).orElseThrow().id());
            });
        }
        assertThat(ledger.history("old@example.org")).extracting(ConsentEvent::kind).containsExactly(ConsentKind.ADDED);
    }

    @Test
    void unsubscribingByAPersonIsRecorded() {
        long id = contacts.create(NewContact.of("leaving@example.org"), MIA).id();
        contacts.changeStatus(id, ContactStatus.UNSUBSCRIBED, "asked by phone", MIA);
        assertThat(ledger.history("leaving@example.org")).extracting(ConsentEvent::kind, ConsentEvent::source)
            .containsExactly(org.assertj.core.groups.Tuple.tuple(ConsentKind.ADDED, "added by Mia via CONSOLE"),
                    org.assertj.core.groups.Tuple.tuple(ConsentKind.UNSUBSCRIBE, "asked by phone"));
    }

    @Test
    void theExportHoldsTheLedgerAndErasureKeepsItByHashWithoutIpOrAddress() throws Exception {
        contacts.create(new NewContact("eve@example.org", "Eve", null, null, Map.of(), Set.of("news"), null), MIA);
        tx.executeWithoutResult(s -> ledger.record(new NewConsentEvent("eve@example.org", null, ConsentKind.SIGNUP,
                "form", "form #1", "Yes, mail me.", "203.0.113.77", "visitor")));
        JsonNode export = new ObjectMapper().readTree(gdpr.exportJson("eve@example.org", MIA));
        assertThat(export.path("consentLedger")).hasSize(2);
        assertThat(export.path("consentLedger").get(1).path("text").asText()).isEqualTo("Yes, mail me.");
        assertThat(export.path("consentLedger").get(1).path("ip").asText()).isEqualTo("203.0.113.77");

        gdpr.erase("eve@example.org", MIA);
        List<ConsentEvent> kept = ledger.history("eve@example.org");
        assertThat(kept).extracting(ConsentEvent::kind)
            .containsExactly(ConsentKind.ADDED, ConsentKind.SIGNUP, ConsentKind.ERASURE_REQUEST);
        assertThat(kept).allSatisfy(e -> assertThat(e.ip()).isNull());
        assertThat(kept.get(2).actor()).isEqualTo("Mia");
        assertThat(jdbc.queryForObject("SELECT email_hash FROM consent_event WHERE kind = 'ERASURE_REQUEST'",
                String.class))
            .isEqualTo(lux.suppression.SuppressionService.hash("eve@example.org"));
        assertThat(WholeDatabaseScan.find(jdbc, "eve@example.org", "203.0.113.77")).isEmpty();
    }

    @Test
    void theLedgerHasNoWayToChangeOrDeleteAnEvent() {
        List<String> writers = Arrays.stream(ConsentLedger.class.getDeclaredMethods())
            .filter(m -> Modifier.isPublic(m.getModifiers()))
            .map(Method::getName)
            .filter(n -> n.matches("(?i).*(update|delete|remove|change|edit|set).*"))
            .toList();
        assertThat(writers).isEmpty();
        assertThat(Arrays.stream(ConsentLedger.class.getDeclaredMethods()).map(Method::getName)).contains("record",
                "recordAll", "history", "forgetPersonalData");
    }

}
