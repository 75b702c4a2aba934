package lux.users;

import java.time.Instant;

/**
 * An API token as the console lists it: never the secret, only its first characters; who made it (the token acts
 * with that person's current role, at most {@code role}), when it expires and when it was last used.
 */
public record ApiTokenView(long id, String name, String prefix, Role role, Long createdBy, String creator,
                           boolean creatorEnabled, Instant createdAt, Instant expiresAt, Instant lastUsedAt,
                           Instant revokedAt) {
    static ApiTokenView of(ApiToken t, User creator) {
        return new ApiTokenView(t.getId(), t.getName(), t.getTokenPrefix(), t.getRole(), t.getCreatedBy(),
                creator == null ? null : creator.getEmail(), creator != null && creator.isEnabled(), t.getCreatedAt(),
                t.getExpiresAt(), t.getLastUsedAt(), t.getRevokedAt());
    }

    public boolean active() {
        return revokedAt == null;
    }

    /** Why the token does not work at {@code now}, or null when it does. */
    public String refusal(Instant now) {
        if (revokedAt != null) {
            return "The API token was revoked. Ask an admin for a new one.";
        }
        if (!expiresAt.isAfter(now)) {
            return "The API token expired on " + expiresAt + ". Ask an admin for a new one.";
        }
        if (creator == null || !creatorEnabled) {
            return "The API token's owner" + (creator == null ? " no longer exists" : " (" + creator + ") is disabled")
                    + ", so the token no longer works. Ask an admin for a new one.";
        }
        return null;
    }

    /** For the console: active, revoked, expired or owner disabled. */
    public String state(Instant now) {
        if (revokedAt != null) {
            return "revoked";
        }
        if (!expiresAt.isAfter(now)) {
            return "expired";
        }
        return creator == null || !creatorEnabled ? "owner disabled" : "active";
    }
}
