package lux.users;

import java.time.Instant;

/** An API token as the console lists it: never the secret, only its first characters. */
public record ApiTokenView(long id, String name, String prefix, Role role, Long createdBy, Instant createdAt,
                           Instant revokedAt) {
    static ApiTokenView of(ApiToken t) {
        return new ApiTokenView(t.getId(), t.getName(), t.getTokenPrefix(), t.getRole(), t.getCreatedBy(),
                t.getCreatedAt(), t.getRevokedAt());
    }

    public boolean active() {
        return revokedAt == null;
    }
}
