package lux.users;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A JSON API credential; only the hash of its secret is kept. */
@Entity
@Table(name = "api_token")
class ApiToken {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false)
    private String name;

    @Column(nullable = false)
    private String tokenHash;

    @Column(nullable = false)
    private String tokenPrefix;

    /**
     * The owner's role when the token was made, for the record; the token acts with the
     * owner's current role.
     */
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Role role;

    private Long createdBy;

    private Long ownerId;

    @Column(nullable = false)
    private Instant createdAt;

    private Instant revokedAt;

    @Column(nullable = false)
    private Instant expiresAt;

    private Instant lastUsedAt;

    protected ApiToken() {
    }

    ApiToken(String name, String tokenHash, String tokenPrefix, Role role, Long createdBy, Long ownerId,
            Instant createdAt, Instant expiresAt) {
        this.ownerId = ownerId;
        this.name = name;
        this.tokenHash = tokenHash;
        this.tokenPrefix = tokenPrefix;
        this.role = role;
        this.createdBy = createdBy;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
    }

    Long getId() {
        return id;
    }

    String getName() {
        return name;
    }

    String getTokenPrefix() {
        return tokenPrefix;
    }

    Role getRole() {
        return role;
    }

    Long getCreatedBy() {
        return createdBy;
    }

    Long getOwnerId() {
        return ownerId;
    }

    Instant getCreatedAt() {
        return createdAt;
    }

    Instant getRevokedAt() {
        return revokedAt;
    }

    Instant getExpiresAt() {
        return expiresAt;
    }

    Instant getLastUsedAt() {
        return lastUsedAt;
    }

    /**
     * Recorded at most once a minute, so a busy integration does not write on every call.
     */
    void used(Instant at) {
        if (lastUsedAt == null || lastUsedAt.plusSeconds(60).isBefore(at)) {
            lastUsedAt = at;
        }
    }

    void revoke(Instant at) {
        if (revokedAt == null) {
            revokedAt = at;
        }
    }

}
