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
import java.util.function.Function;
import java.util.stream.Collectors;
import lux.audit.Actor;
import lux.audit.AuditService;
import lux.shared.ForbiddenException;
import lux.shared.InvalidInputException;
import lux.shared.NotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * API tokens for integrations. The secret has 256 random bits, so a plain SHA-256 is a
 * safe and fast lookup key (unlike passwords, it cannot be guessed from a dictionary). A
 * token belongs to a person, its owner: it acts as them, with their role at the time of
 * each request (so core's own rules, which look at the person, hold for it too), works
 * only while they are enabled, and expires.
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

    /**
     * A token owned by {@code ownerId} (null: the actor) that works for {@code validity}
     * from now. The actor must be a person; making a token for someone else is for
     * admins.
     */
    @Transactional
    public NewApiToken create(String name, Long ownerId, Duration validity, Actor actor) {
        String trimmed = name == null ? "" : name.trim();
        if (trimmed.isEmpty() || trimmed.length() > MAX_NAME) {
            throw new InvalidInputException("name",
                    "Give the token a name of 1 to " + MAX_NAME + " characters (what uses it).");
        }
        if (validity == null || validity.compareTo(Duration.ofMinutes(1)) < 0 || validity.compareTo(MAX_VALIDITY) > 0) {
            throw new InvalidInputException("expiresInDays",
                    "A token must expire: give between 1 and " + MAX_VALIDITY.toDays() + " days.");
        }
        User creator = actor.userId() == null ? null : users.findById(actor.userId()).orElse(null);
        if (creator == null) {
            throw new InvalidInputException("owner",
                    "API tokens are made by a signed-in person; " + actor.name() + " cannot.");
        }
        User owner = ownerId == null ? creator
                : users.findById(ownerId).orElseThrow(() -> new NotFoundException("User", ownerId));
        if (!owner.getId().equals(creator.getId()) && creator.getRole() != Role.ADMIN) {
            throw new ForbiddenException("Only admins make API tokens for other people.");
        }
        if (!owner.isEnabled()) {
            throw new InvalidInputException("owner",
                    owner.getEmail() + " is disabled; a token of theirs would not work.");
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = clock.instant();
        ApiToken token = tokens.save(new ApiToken(trimmed, hash(secret), secret.substring(0, 10), owner.getRole(),
                creator.getId(), owner.getId(), now, now.plus(validity)));
        audit.record(actor, "api-token.create", "api-token", token.getId(),
                trimmed + " for " + owner.getEmail() + " (" + owner.getRole() + "), expires " + token.getExpiresAt());
        return new NewApiToken(ApiTokenView.of(token, owner, creator), secret);
    }

    /**
     * Checks a presented secret on every API request: it must belong to a token that is
     * not revoked, not expired, and whose owner is still enabled. The token acts as its
     * owner, with the owner's current role.
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
        User owner = user(token.getOwnerId());
        Instant now = clock.instant();
        ApiTokenView view = ApiTokenView.of(token, owner, null);
        String refusal = view.refusal(now);
        if (refusal != null) {
            return new ApiTokenCheck.Refused(refusal);
        }
        token.used(now);
        return new ApiTokenCheck.Accepted(view, owner.getId(), owner.getRole());
    }

    @Transactional
    public ApiTokenView revoke(long id, Actor actor) {
        ApiToken token = tokens.findById(id).orElseThrow(() -> new NotFoundException("API token", id));
        token.revoke(clock.instant());
        audit.record(actor, "api-token.revoke", "api-token", id, token.getName());
        return ApiTokenView.of(token, user(token.getOwnerId()), user(token.getCreatedBy()));
    }

    /** Every token with its owner and creator, newest first: who has which token. */
    @Transactional(readOnly = true)
    public List<ApiTokenView> list() {
        Map<Long, User> people = users.findAll().stream().collect(Collectors.toMap(User::getId, Function.identity()));
        return tokens.findAllByOrderByIdDesc()
            .stream()
            .map(t -> ApiTokenView.of(t, people.get(t.getOwnerId()), people.get(t.getCreatedBy())))
            .toList();
    }

    private User user(Long id) {
        return id == null ? null : users.findById(id).orElse(null);
    }

    static String hash(String secret) {
        try {
            return HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

}
