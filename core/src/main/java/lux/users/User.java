package lux.users;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

@Entity
@Table(name = "app_user")
public class User {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false)
    private String email;

    @Column(nullable = false)
    private String displayName;

    private String passwordHash;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Role role;

    private String aadObjectId;

    private boolean enabled = true;

    /**
     * Goes up whenever sessions signed in before must end (disabled, role or password
     * changed).
     */
    @Column(nullable = false)
    private long credentialsVersion;

    @Column(nullable = false)
    private Instant createdAt;

    @Version
    private long version;

    protected User() {
    }

    User(String email, String displayName, String passwordHash, Role role, Instant createdAt) {
        this.email = email;
        this.displayName = displayName;
        this.passwordHash = passwordHash;
        this.role = role;
        this.createdAt = createdAt;
    }

    public Long getId() {
        return id;
    }

    public String getEmail() {
        return email;
    }

    public String getDisplayName() {
        return displayName;
    }

    public String getPasswordHash() {
        return passwordHash;
    }

    public Role getRole() {
        return role;
    }

    public String getAadObjectId() {
        return aadObjectId;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public long getCredentialsVersion() {
        return credentialsVersion;
    }

    void setDisplayName(String displayName) {
        this.displayName = displayName;
    }

    void setPasswordHash(String passwordHash) {
        this.passwordHash = passwordHash;
    }

    void setRole(Role role) {
        this.role = role;
    }

    void setAadObjectId(String aadObjectId) {
        this.aadObjectId = aadObjectId;
    }

    void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    void endSessions() {
        credentialsVersion++;
    }

}
