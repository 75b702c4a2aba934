package lux.signup;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import lux.audit.Actor;
import lux.audit.Channel;
import lux.consent.ConsentKind;
import lux.consent.ConsentLedger;
import lux.consent.NewConsentEvent;
import lux.contacts.ContactService;
import lux.shared.EmailAddress;
import lux.contacts.NewContact;
import lux.shared.DuplicateException;
import lux.shared.InvalidInputException;
import lux.suppression.SuppressionService;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sign-ups from websites. Bots are turned away quietly (honeypot, a form sent faster than
 * a person can, floods from one address or IP, too many unconfirmed sign-ups); a known or
 * suppressed address changes nothing. With double opt-in the sign-up waits in
 * pending_signup, which no campaign reads, until its confirmation link is followed.
 */
@Service
public class SignupService {

    static final String VISITOR = "visitor";
    static final String CHANNEL = "form";

    private final FormService forms;

    private final PendingSignups pending;

    private final SignupLimits limits;

    private final SignupTokens tokens;

    private final ConfirmationMailer mailer;

    private final ContactService contacts;

    private final ApplicationEventPublisher events;

    private final SuppressionService suppressions;

    private final ConsentLedger ledger;

    private final SignupProperties properties;

    private final TransactionTemplate tx;

    private final Clock clock;

    SignupService(FormService forms, PendingSignups pending, SignupLimits limits, SignupTokens tokens,
            ConfirmationMailer mailer, ContactService contacts, SuppressionService suppressions, ConsentLedger ledger,
            SignupProperties properties, TransactionTemplate tx, ApplicationEventPublisher events, Clock clock) {
        this.events = events;
        this.forms = forms;
        this.pending = pending;
        this.limits = limits;
        this.tokens = tokens;
        this.mailer = mailer;
        this.contacts = contacts;
        this.suppressions = suppressions;
        this.ledger = ledger;
        this.properties = properties;
        this.tx = tx;
        this.clock = clock;
    }

    /**
     * A fresh signed stamp for the form's hidden field: the moment the form was shown.
     */
    public String stamp(long formId) {
        return tokens.stamp(forms.get(formId).id(), clock.instant());
    }

    /**
     * Handles one sign-up; invalid input (a malformed address, an overlong name) fails
     * with a message for the visitor.
     */
    public SignupOutcome submit(SignupRequest r) {
        SignupForm form = forms.get(r.formId());
        if (r.honeypot() != null && !r.honeypot().isEmpty()) {
            return SignupOutcome.HONEYPOT;
        }
        Optional<SignupTokens.Signed> stamp = tokens.verifyStamp(r.stamp());
        if (stamp.isEmpty() || stamp.get().id() != form.id()) {
            return SignupOutcome.BAD_STAMP;
        }
        Instant now = clock.instant();
        if (Duration.between(stamp.get().at(), now).compareTo(properties.minFillTime()) < 0) {
            return SignupOutcome.TOO_FAST;
        }
        String email = EmailAddress.normalise(r.email());
        String first = form.shows("first_name") ? name("first_name", r.firstName()) : null;
        String last = form.shows("last_name") ? name("last_name", r.lastName()) : null;
        if (!limits.allow(email, r.ip())) {
            return SignupOutcome.RATE_LIMITED;
        }
        if (suppressions.isSuppressed(email) || contacts.findByEmail(email).isPresent()) {
            return SignupOutcome.UNCHANGED;
        }
        NewConsentEvent consent = new NewConsentEvent(email, null, ConsentKind.SIGNUP, CHANNEL, source(form),
                form.consentText(), r.ip(), VISITOR);
        if (!form.doubleOptIn()) {
            try {
                tx.executeWithoutResult(
                        s -> contacts.create(newContact(form, email, first, last), actor(form), consent));
                return SignupOutcome.ADDED;
            }
            catch (DuplicateException raced) {
                return SignupOutcome.UNCHANGED;
            }
        }
        Instant expires = now.plus(properties.confirmationValidity());
        Long id = tx.execute(s -> {
            if (pending.purgeExpiredAndCount(now) >= properties.maxPending()) {
                return null;
            }
            long pendingId = pending.save(form.id(), email, first, last, ConsentLedger.textHash(form.consentText()),
                    r.ip(), now, expires);
            ledger.record(consent);
            return pendingId;
        });
        if (id == null) {
            return SignupOutcome.TOO_MANY_PENDING;
        }
        mailer.send(form, id, email, expires); // after commit: the link must find its row
        return SignupOutcome.PENDING;
    }

    /**
     * The language of the form a confirmation link belongs to, for its page; English when
     * the link is not valid.
     */
    public String language(String confirmationToken) {
        return tokens.verifyConfirmation(confirmationToken)
            .flatMap(t -> pending.formOf(t.id()))
            .map(id -> forms.get(id).language())
            .orElse("en");
    }

    /**
     * Follows a confirmation link: the pending sign-up becomes an active contact with the
     * form's tags.
     */
    public ConfirmOutcome confirm(String token, String ip) {
        Optional<SignupTokens.Signed> signed = tokens.verifyConfirmation(token);
        if (signed.isEmpty()) {
            return new ConfirmOutcome(ConfirmOutcome.Result.INVALID, "en");
        }
        boolean expired = signed.get().at().isBefore(clock.instant());
        try {
            return tx.execute(s -> pending.take(signed.get().id()).map(p -> {
                SignupForm form = forms.get(p.formId());
                if (expired) {
                    return new ConfirmOutcome(ConfirmOutcome.Result.EXPIRED, form.language());
                }
                if (!suppressions.isSuppressed(p.email()) && contacts.findByEmail(p.email()).isEmpty()) {
                    long contact = contacts.create(newContact(form, p.email(), p.firstName(), p.lastName()),
                            actor(form), new NewConsentEvent(p.email(), null, ConsentKind.CONFIRMATION, CHANNEL,
                                    source(form), ledger.text(p.textHash()).orElse(null), ip, VISITOR))
                        .id();
                    events.publishEvent(new SignupConfirmed(contact, form.id()));
                }
                return new ConfirmOutcome(ConfirmOutcome.Result.CONFIRMED, form.language());
            })
                .orElse(new ConfirmOutcome(expired ? ConfirmOutcome.Result.EXPIRED : ConfirmOutcome.Result.INVALID,
                        "en")));
        }
        catch (DuplicateException raced) {
            return new ConfirmOutcome(ConfirmOutcome.Result.CONFIRMED, "en");
        }
    }

    private static NewContact newContact(SignupForm form, String email, String first, String last) {
        // the form's language becomes the contact's: LUX's words in their later mails
        // (the footer) follow it
        return new NewContact(email, first, last, null, Map.of("language", form.language()), Set.copyOf(form.tags()),
                source(form));
    }

    private static String source(SignupForm form) {
        return "sign-up form \"" + form.name() + "\" (#" + form.id() + ")";
    }

    private static Actor actor(SignupForm form) {
        return new Actor(null, "sign-up form #" + form.id(), Channel.SYSTEM);
    }

    private static String name(String field, String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String value = raw.strip();
        if (value.length() > ContactService.MAX_NAME) {
            throw new InvalidInputException(field,
                    field + " is longer than " + ContactService.MAX_NAME + " characters.");
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidInputException(field, field + " must be one line of text.");
        }
        return value;
    }

}
