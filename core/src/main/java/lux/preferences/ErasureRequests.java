package lux.preferences;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import lux.audit.Actor;
import lux.audit.Channel;
import lux.consent.ConsentKind;
import lux.consent.ConsentLedger;
import lux.consent.NewConsentEvent;
import lux.gdpr.GdprService;
import lux.signup.SignupTokens;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A reader's request to be erased: asked on the preference centre, confirmed through a
 * signed, expiring link mailed to the address, then carried out exactly like an admin's
 * erasure ({@link GdprService#erase}).
 */
@Service
public class ErasureRequests {

    private static final Actor READER = new Actor(null, PreferenceCentre.CHANNEL, Channel.SYSTEM);

    private final ReaderLookup readers;

    private final ErasureMailer mailer;

    private final SignupTokens tokens;

    private final ConsentLedger ledger;

    private final GdprService gdpr;

    private final JdbcTemplate jdbc;

    private final TransactionTemplate transactions;

    private final PreferenceProperties properties;

    private final Clock clock;

    ErasureRequests(ReaderLookup readers, ErasureMailer mailer, SignupTokens tokens, ConsentLedger ledger,
            GdprService gdpr, JdbcTemplate jdbc, TransactionTemplate transactions, PreferenceProperties properties,
            Clock clock) {
        this.readers = readers;
        this.mailer = mailer;
        this.tokens = tokens;
        this.ledger = ledger;
        this.gdpr = gdpr;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
    }

    /** How a request went. */
    public enum Requested {

        /** The confirmation mail is on its way. */
        MAILED,
        /**
         * A mail went out a moment ago; no second one, so the link cannot flood the
         * reader's inbox.
         */
        MAILED_RECENTLY,
        /** The transport refused the mail; the reader may try again. */
        NOT_SENT

    }

    /**
     * Records the request in the consent ledger and mails the confirmation link; empty
     * when the preference link is not genuine. The mail is sent after the ledger row
     * commits: a slow transport holds no transaction.
     */
    public Optional<Requested> request(String preferenceToken, String ip) {
        Optional<Reader> found = readers.find(preferenceToken);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Reader reader = found.get();
        Instant now = clock.instant();
        Instant recent = now.minus(properties.erasureMailInterval());
        boolean mailedRecently = ledger.history(reader.email())
            .stream()
            .anyMatch(e -> e.kind() == ConsentKind.ERASURE_REQUEST && PreferenceCentre.CHANNEL.equals(e.channel())
                    && e.at().isAfter(recent));
        if (mailedRecently) {
            return Optional.of(Requested.MAILED_RECENTLY);
        }
        transactions.executeWithoutResult(tx -> ledger.record(new NewConsentEvent(reader.email(), reader.contactId(),
                ConsentKind.ERASURE_REQUEST, PreferenceCentre.CHANNEL,
                "asked on the preference centre; confirmation mailed", null, ip, PreferenceCentre.VISITOR)));
        boolean sent = mailer.send(reader.contactId(), reader.email(), reader.language(),
                now.plus(properties.erasureLinkValidity()));
        return Optional.of(sent ? Requested.MAILED : Requested.NOT_SENT);
    }

    /**
     * Where a mailed erasure link leads, without changing anything (mail scanners open
     * links).
     */
    public ErasureLink link(String erasureToken) {
        return check(erasureToken);
    }

    /**
     * Erases the reader's data if the link is genuine and in time; the answer says what
     * happened.
     */
    public ErasureLink confirm(String erasureToken) {
        ErasureLink link = check(erasureToken);
        if (link.status() == ErasureLink.Status.VALID) {
            gdpr.erase(link.email(), READER);
        }
        return link;
    }

    private ErasureLink check(String erasureToken) {
        Optional<SignupTokens.Signed> signed = tokens.verifyErasure(erasureToken);
        if (signed.isEmpty()) {
            return ErasureLink.invalid();
        }
        Optional<String[]> contact = jdbc
            .query("SELECT email, attributes FROM contact WHERE id = ?",
                    (rs, i) -> new String[] { rs.getString(1), rs.getString(2) }, signed.get().id())
            .stream()
            .findFirst();
        if (contact.isEmpty()) {
            return ErasureLink.invalid(); // erased already (contact ids are never reused)
        }
        String language = ReaderLookup.language(contact.get()[1]);
        if (!signed.get().at().isAfter(clock.instant())) {
            return new ErasureLink(ErasureLink.Status.EXPIRED, null, language);
        }
        return new ErasureLink(ErasureLink.Status.VALID, contact.get()[0], language);
    }

}
