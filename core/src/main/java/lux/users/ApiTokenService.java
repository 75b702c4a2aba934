package lux.users;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import lux.audit.Actor;
import lux.audit.AuditService;
import lux.shared.InvalidInputException;
import lux.shared.NotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * API tokens that admins create for integrations. The secret has 256 random bits, so a plain SHA-256 is a safe
 * and fast lookup key (unlike passwords, it cannot be guessed from a dictionary). A token belongs to the person who
 * made it: it works only while that person is enabled, acts with their current role (at most the token's own),
 * and expires.
 */
@Service
public class ApiTokenService {
    static final String PREFIX = "lux_";
    private static final int MAX_NAME = 100;
    public static final Duration MAX_VALIDITY = Duration.ofDays(5 * 366);

    private final ApiTokenRepository tokens;
    private final UserRepository users;
    private final AuditService audit;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    ApiTokenService(ApiTokenRepository tokens, UserRepository users, AuditService audit, Clock clock) {
        this.tokens = tokens;
        this.users = users;
        this.audit = audit;
        this.clock = clock;
    }

    /** A token for {@code actor} (who must be a person) that works for {@code validity} from now. */
    @Transactional
    public NewApiToken create(String name, Role role, Duration validity, Actor actor) {
        String trimmed = name == null ? "" : name.trim();
        if (trimmed.isEmpty() || trimmed.length() > MAX_NAME) {
            throw new InvalidInputException("name", "Give the token a name of 1 to " + MAX_NAME + " characters (what uses it).");
        }
        if (role == null) {
            throw new InvalidInputException("role", "Choose a role for the token: ADMIN or MARKETER.");
        }
        if (validity == null || validity.compareTo(Duration.ofMinutes(1)) < 0 || validity.compareTo(MAX_VALIDITY) > 0) {
            throw new InvalidInputException("expiresInDays", "A token must expire: give between 1 and "
                    + MAX_VALIDITY.toDays() + " days.");
        }
        User owner = actor.userId() == null ? null : users.findById(actor.userId()).orElse(null);
        if (owner == null) {
            throw new InvalidInputException("createdBy", "An API token belongs to a signed-in person; "
                    + actor.name() + " cannot own one.");
        }
        if (role == Role.ADMIN && owner.getRole() != Role.ADMIN) {
            throw new InvalidInputException("role", "A token cannot have more rights than its owner: choose MARKETER.");
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = clock.instant();
        ApiToken token = tokens.save(new ApiToken(trimmed, hash(secret), secret.substring(0, 10), role, owner.getId(),
                now, now.plus(validity)));
        audit.record(actor, "api-token.create", "api-token", token.getId(),
                trimmed + " as " + role + ", expires " + token.getExpiresAt());
        return new NewApiToken(ApiTokenView.of(token, owner), secret);
    }

    /**
     * Checks a presented secret on every API request: it must belong to a token that is not revoked, not expired,
     * and whose owner is still enabled. The role is the owner's current one (never more than the token's).
     */
    @Transactional
    public ApiTokenCheck authenticate(String secret) {
        if (secret == null || !secret.startsWith(PREFIX) || secret.length() > 200) {
            return new ApiTokenCheck.Refused("That is not a LUX API token (they start with " + PREFIX + ").");
        }
        Optional<ApiToken> found = tokens.findByTokenHash(hash(secret));
        if (found.isEmpty()) {
            return new ApiTokenCheck.Refused("The API token is unknown. Ask an admin for a new one.");
        }
        ApiToken token = found.get();
        User owner = owner(token);
        Instant now = clock.instant();
        ApiTokenView view = ApiTokenView.of(token, owner);
        String refusal = view.refusal(now);
        if (refusal != null) {
            return new ApiTokenCheck.Refused(refusal);
        }
        token.used(now);
        Role role = token.getRole() == Role.ADMIN && owner.getRole() == Role.ADMIN ? Role.ADMIN : Role.MARKETER;
        return new ApiTokenCheck.Accepted(view, owner.getId(), role);
    }

    @Transactional
    public ApiTokenView revoke(long id, Actor actor) {
        ApiToken token = tokens.findById(id).orElseThrow(() -> new NotFoundException("API token", id));
        token.revoke(clock.instant());
        audit.record(actor, "api-token.revoke", "api-token", id, token.getName());
        return ApiTokenView.of(token, owner(token));
    }

    /** Every token with its owner, newest first: who has which token. */
    @Transactional(readOnly = true)
    public List<ApiTokenView> list() {
        Map<Long, User> owners = users.findAll().stream().collect(Collectors.toMap(User::getId, u -> u));
        return tokens.findAllByOrderByIdDesc().stream()
                .map(t -> ApiTokenView.of(t, t.getCreatedBy() == null ? null : owners.get(t.getCreatedBy()))).toList();
    }

    private User owner(ApiToken token) {
        return token.getCreatedBy() == null ? null : users.findById(token.getCreatedBy()).orElse(null);
    }

    static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
