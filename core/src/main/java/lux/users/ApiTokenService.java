package lux.users;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import lux.audit.Actor;
import lux.audit.AuditService;
import lux.shared.InvalidInputException;
import lux.shared.NotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * API tokens that admins create for integrations. The secret has 256 random bits, so a plain SHA-256 is a safe
 * and fast lookup key (unlike passwords, it cannot be guessed from a dictionary).
 */
@Service
public class ApiTokenService {
    static final String PREFIX = "lux_";
    private static final int MAX_NAME = 100;

    private final ApiTokenRepository tokens;
    private final AuditService audit;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    ApiTokenService(ApiTokenRepository tokens, AuditService audit, Clock clock) {
        this.tokens = tokens;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public NewApiToken create(String name, Role role, Actor actor) {
        String trimmed = name == null ? "" : name.trim();
        if (trimmed.isEmpty() || trimmed.length() > MAX_NAME) {
            throw new InvalidInputException("name", "Give the token a name of 1 to " + MAX_NAME + " characters (what uses it).");
        }
        if (role == null) {
            throw new InvalidInputException("role", "Choose a role for the token: ADMIN or MARKETER.");
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        ApiToken token = tokens.save(new ApiToken(trimmed, hash(secret), secret.substring(0, 10), role, actor.userId(),
                clock.instant()));
        audit.record(actor, "api-token.create", "api-token", token.getId(), trimmed + " as " + role);
        return new NewApiToken(ApiTokenView.of(token), secret);
    }

    /** The active token with this secret, if any. */
    @Transactional(readOnly = true)
    public Optional<ApiTokenView> authenticate(String secret) {
        if (secret == null || !secret.startsWith(PREFIX) || secret.length() > 200) {
            return Optional.empty();
        }
        return tokens.findByTokenHashAndRevokedAtIsNull(hash(secret)).map(ApiTokenView::of);
    }

    @Transactional
    public ApiTokenView revoke(long id, Actor actor) {
        ApiToken token = tokens.findById(id).orElseThrow(() -> new NotFoundException("API token", id));
        token.revoke(clock.instant());
        audit.record(actor, "api-token.revoke", "api-token", id, token.getName());
        return ApiTokenView.of(token);
    }

    @Transactional(readOnly = true)
    public List<ApiTokenView> list() {
        return tokens.findAllByOrderByIdDesc().stream().map(ApiTokenView::of).toList();
    }

    static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
