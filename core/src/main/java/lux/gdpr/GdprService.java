package lux.gdpr;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lux.audit.Actor;
import lux.audit.AuditService;
import lux.consent.ConsentKind;
import lux.consent.ConsentLedger;
import lux.consent.NewConsentEvent;
import lux.shared.EmailAddress;
import lux.suppression.SuppressionService;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Answers a person's GDPR requests by address: everything held about them as JSON
 * (access, Art. 15), or erasure (Art. 17). What is held, and how it is erased, each
 * module says through its {@link PersonalDataHolder}s (core's own in
 * {@link CoreSections}: the contact and its tags go, campaign history keeps only an
 * "erased-N@invalid" placeholder, tracking events lose their user agents...); this
 * service asks them all in one transaction and leaves the proof: a consent-ledger entry
 * and a SHA-256 suppression entry that keeps the address from being mailed again.
 */
@Service
public class GdprService {

    static final String ERASED = AddressText.ERASED;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final JdbcTemplate jdbc;

    private final SuppressionService suppressions;

    private final AuditService audit;

    private final List<PersonalDataHolder> holders;

    private final ConsentLedger ledger;

    private final Clock clock;

    GdprService(JdbcTemplate jdbc, SuppressionService suppressions, AuditService audit,
            List<PersonalDataHolder> holders, ConsentLedger ledger, Clock clock) {
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.suppressions = suppressions;
        this.audit = audit;
        this.holders = holders;
        this.clock = clock;
    }

    /**
     * Everything held about the address, as indented JSON. Recorded in the audit log
     * (without the address).
     */
    @Transactional
    public String exportJson(String rawEmail, Actor actor) {
        String email = EmailAddress.normalise(rawEmail);
        Long contactId = contactId(email);
        Map<String, Object> export = new LinkedHashMap<>();
        export.put("email", email);
        export.put("exportedAt", clock.instant().toString());
        for (PersonalDataHolder holder : holders) {
            export.put(holder.name(), holder.export(email));
        }
        audit.record(actor, "gdpr.export", "contact", contactId,
                "personal data exported (sha256 " + prefix(email) + ")");
        try {
            return JSON.writeValueAsString(export);
        }
        catch (JsonProcessingException e) {
            throw new IllegalStateException("The export could not be written as JSON", e);
        }
    }

    /**
     * Erases the address everywhere LUX holds it and suppresses it by hash; safe to
     * repeat.
     */
    @Transactional
    public ErasureResult erase(String rawEmail, Actor actor) {
        String email = EmailAddress.normalise(rawEmail);
        Long contactId = contactId(email);
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (PersonalDataHolder holder : holders) { // in their order: see CoreSections
            counts.merge(holder.erasedAs(), holder.erase(email), Integer::sum);
        }
        // the ledger keeps its events (hashed address only) as proof of consent, and this
        // request as the last of them
        ledger.record(new NewConsentEvent(email, contactId, ConsentKind.ERASURE_REQUEST, ConsentLedger.channelOf(actor),
                null, null, null, actor.name()));
        suppressions.suppressErased(email, actor);
        boolean deleted = count(counts, CoreSections.CONTACT) > 0;
        int recipients = count(counts, CoreSections.CAMPAIGNS_RECEIVED);
        int events = count(counts, CoreSections.TRACKING_EVENTS);
        ErasureResult result = new ErasureResult(prefix(email), deleted, recipients, events,
                count(counts, CoreSections.AUDIT), count(counts, CoreSections.IMPORT_REPORTS), counts);
        audit.record(actor, "gdpr.erase", "contact", contactId,
                "personal data erased (sha256 " + result.hashPrefix() + "): contact "
                        + (deleted ? "deleted" : "not found") + ", " + recipients + " campaign recipients anonymised, "
                        + events + " tracking events cleared");
        return result;
    }

    /** A count the result reports by field, taken out of the others. */
    private static int count(Map<String, Integer> counts, String section) {
        Integer n = counts.remove(section);
        return n == null ? 0 : n;
    }

    private Long contactId(String email) {
        return jdbc.query("SELECT id FROM contact WHERE email = ?", rs -> rs.next() ? rs.getLong(1) : null, email);
    }

    private static String prefix(String email) {
        return SuppressionService.hash(email).substring(0, 12);
    }

}
