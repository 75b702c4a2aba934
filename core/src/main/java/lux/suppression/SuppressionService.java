package lux.suppression;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import lux.audit.Actor;
import lux.audit.AuditService;
import lux.contacts.EmailAddress;
import lux.shared.InvalidInputException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Decides whether an address may be mailed at all: not if it, its domain or its hash is on the list. */
@Service
public class SuppressionService {
    private final SuppressionRepository suppressions;
    private final AuditService audit;
    private final Clock clock;

    SuppressionService(SuppressionRepository suppressions, AuditService audit, Clock clock) {
        this.suppressions = suppressions;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public boolean isSuppressed(String email) {
        String address = EmailAddress.normaliseLenient(email);
        return suppressions.existsByKindAndValueIn(SuppressionKind.ADDRESS, List.of(address))
                || suppressions.existsByKindAndValueIn(SuppressionKind.DOMAIN, List.of(EmailAddress.domainOf(address)))
                || suppressions.existsByKindAndValueIn(SuppressionKind.ADDRESS_HASH, List.of(hash(address)));
    }

    /** Suppresses one address (idempotent: an existing entry is kept as it is). */
    @Transactional
    public Suppression suppressAddress(String email, SuppressionReason reason, String note, Actor actor) {
        return add(SuppressionKind.ADDRESS, EmailAddress.normalise(email), reason, note, actor);
    }

    /** Suppresses every address at a domain, e.g. a competitor or a customer who asked. */
    @Transactional
    public Suppression suppressDomain(String domain, String note, Actor actor) {
        String value = domain == null ? "" : domain.trim().toLowerCase(Locale.ROOT).replaceFirst("^@", "");
        if (!EmailAddress.isValid("x@" + value)) {
            throw new InvalidInputException("domain", "\"" + domain + "\" is not a valid domain.");
        }
        return add(SuppressionKind.DOMAIN, value, SuppressionReason.MANUAL, note, actor);
    }

    /** Keeps an erased address unmailable while storing only its SHA-256. */
    @Transactional
    public Suppression suppressErased(String email, Actor actor) {
        return add(SuppressionKind.ADDRESS_HASH, hash(EmailAddress.normaliseLenient(email)), SuppressionReason.ERASED, null, actor);
    }

    @Transactional
    public void remove(long id, Actor actor) {
        suppressions.findById(id).ifPresent(s -> {
            if (s.getKind() == SuppressionKind.ADDRESS_HASH) {
                throw new InvalidInputException("id", "An erased address stays suppressed; it cannot be removed.");
            }
            suppressions.delete(s);
            audit.record(actor, "suppression.remove", "suppression", id, s.getKind() + " " + s.getValue());
        });
    }

    @Transactional(readOnly = true)
    public Page<Suppression> list(Pageable pageable) {
        return suppressions.findAllByOrderByIdDesc(pageable);
    }

    public static String hash(String normalisedEmail) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(normalisedEmail.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    private Suppression add(SuppressionKind kind, String value, SuppressionReason reason, String note, Actor actor) {
        return suppressions.findByKindAndValue(kind, value).orElseGet(() -> {
            Suppression s = suppressions.save(new Suppression(kind, value, reason, note, clock.instant()));
            audit.record(actor, "suppression.add", "suppression", s.getId(),
                    kind + " " + (kind == SuppressionKind.ADDRESS_HASH ? "(hashed)" : value) + " " + reason);
            return s;
        });
    }
}
