package lux.suppression;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import lux.audit.Actor;
import lux.audit.AuditService;
import lux.shared.EmailAddress;
import lux.shared.InvalidInputException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Decides whether an address may be mailed at all: not if it, its domain or its hash is
 * on the list.
 */
@Service
public class SuppressionService {

    private final SuppressionRepository suppressions;

    private final JdbcTemplate jdbc;

    private final AuditService audit;

    private final Clock clock;

    SuppressionService(SuppressionRepository suppressions, JdbcTemplate jdbc, AuditService audit, Clock clock) {
        this.suppressions = suppressions;
        this.jdbc = jdbc;
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

    /**
     * Which of these addresses may not be mailed, and why, in one query (imports and
     * senders check a batch at a time). Addresses are expected normalised; the result
     * maps each suppressed one to the reason of the first entry that matches it (address,
     * then domain, then erased hash).
     */
    @Transactional(readOnly = true)
    public Map<String, SuppressionReason> suppressedAmong(Collection<String> normalisedEmails) {
        if (normalisedEmails.isEmpty()) {
            return Map.of();
        }
        Map<String, String> hashes = new HashMap<>();
        Set<String> candidates = new HashSet<>();
        for (String email : normalisedEmails) {
            String hash = hash(email);
            hashes.put(email, hash);
            candidates.add(email);
            candidates.add(EmailAddress.domainOf(email));
            candidates.add(hash);
        }
        Map<SuppressionKind, Map<String, SuppressionReason>> found = new EnumMap<>(SuppressionKind.class);
        // Plain JDBC with one array parameter: a thousand-address batch is one indexed
        // query, cheap to parse.
        jdbc.query(con -> {
            java.sql.PreparedStatement ps = con
                .prepareStatement("SELECT kind, entry, reason FROM suppression WHERE entry = ANY(?)");
            ps.setArray(1, con.createArrayOf("varchar", candidates.toArray()));
            return ps;
        }, rs -> {
            found.computeIfAbsent(SuppressionKind.valueOf(rs.getString(1)), k -> new HashMap<>())
                .put(rs.getString(2), SuppressionReason.valueOf(rs.getString(3)));
        });
        if (found.isEmpty()) {
            return Map.of();
        }
        Map<String, SuppressionReason> result = new HashMap<>();
        for (String email : normalisedEmails) {
            SuppressionReason reason = found.getOrDefault(SuppressionKind.ADDRESS, Map.of()).get(email);
            if (reason == null) {
                reason = found.getOrDefault(SuppressionKind.DOMAIN, Map.of()).get(EmailAddress.domainOf(email));
            }
            if (reason == null) {
                reason = found.getOrDefault(SuppressionKind.ADDRESS_HASH, Map.of()).get(hashes.get(email));
            }
            if (reason != null) {
                result.put(email, reason);
            }
        }
        return result;
    }

    /**
     * Removes the plain address entry of an erased person; the hashed entry added by
     * {@link #suppressErased} replaces it.
     */
    @Transactional(propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
    public int forgetAddress(String normalisedEmail) {
        return suppressions.findByKindAndValue(SuppressionKind.ADDRESS, normalisedEmail).map(s -> {
            suppressions.delete(s);
            return 1;
        }).orElse(0);
    }

    /** Suppresses one address (idempotent: an existing entry is kept as it is). */
    @Transactional
    public Suppression suppressAddress(String email, SuppressionReason reason, String note, Actor actor) {
        return add(SuppressionKind.ADDRESS, EmailAddress.normalise(email), reason, note, actor);
    }

    /**
     * Removes the plain address entry when an admin lifts a contact's hold
     * (ContactService checks who and why). Domain entries and erased-address hashes stay:
     * they were not about this contact alone.
     */
    @Transactional
    public void releaseAddress(String email, String note, Actor actor) {
        suppressions.findByKindAndValue(SuppressionKind.ADDRESS, EmailAddress.normalise(email)).ifPresent(s -> {
            suppressions.delete(s);
            audit.record(actor, "suppression.remove", "suppression", s.getId(),
                    "ADDRESS " + s.getValue() + " (" + note + ")");
        });
    }

    /**
     * Suppresses every address at a domain, e.g. a competitor or a customer who asked.
     */
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
        return add(SuppressionKind.ADDRESS_HASH, hash(EmailAddress.normaliseLenient(email)), SuppressionReason.ERASED,
                null, actor);
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

    /**
     * The plain entry for an address (x@y.com) or a domain (y.com, @y.com), if there is
     * one; erased hashes are not found.
     */
    @Transactional(readOnly = true)
    public java.util.Optional<Suppression> findEntry(String addressOrDomain) {
        String value = EmailAddress.normaliseLenient(addressOrDomain).replaceFirst("^@", "");
        return suppressions
            .findByKindAndValue(value.indexOf('@') > 0 ? SuppressionKind.ADDRESS : SuppressionKind.DOMAIN, value);
    }

    @Transactional(readOnly = true)
    public Page<Suppression> list(Pageable pageable) {
        return suppressions.findAllByOrderByIdDesc(pageable);
    }

    public static String hash(String normalisedEmail) {
        try {
            return HexFormat.of()
                .formatHex(
                        MessageDigest.getInstance("SHA-256").digest(normalisedEmail.getBytes(StandardCharsets.UTF_8)));
        }
        catch (NoSuchAlgorithmException e) {
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
