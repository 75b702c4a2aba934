package lux.users;

import java.time.Instant;

/**
 * An API token as the console lists it: never the secret, only its first characters; who
 * has it (the owner, whose current role it acts with), who made it, when it expires and
 * when it was last used.
 */
public record ApiTokenView(long id, String name, String prefix, Role role, Long ownerId, String owner,
        boolean ownerEnabled, Long createdBy, String creator, Instant createdAt, Instant expiresAt, Instant lastUsedAt,
        Instant revokedAt) {
    static ApiTokenView of(ApiToken t, User owner, User creator) {
        return new ApiTokenView(t.getId(), t.getName(), t.getTokenPrefix(),
                owner == null ? t.getRole() : owner.getRole(), t.getOwnerId(), owner == null ? null : owner.getEmail(),
                owner != null && owner.isEnabled(), t.getCreatedBy(), creator == null ? null : creator.getEmail(),
                t.getCreatedAt(), t.getExpiresAt(), t.getLastUsedAt(), t.getRevokedAt());
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
        if (owner == null || !ownerEnabled) {
            return "The API token's owner" + (owner == null ? " no longer exists" : " (" + owner + ") is disabled")
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
        return owner == null || !ownerEnabled ? "owner disabled" : "active";
    }
}
