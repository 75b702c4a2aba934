package lux.suppression;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

@Entity
@Table(name = "suppression")
public class Suppression {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private SuppressionKind kind;

    @Column(name = "entry", nullable = false)
    private String value;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private SuppressionReason reason;

    private String note;

    @Column(nullable = false)
    private Instant createdAt;

    protected Suppression() {
    }

    Suppression(SuppressionKind kind, String value, SuppressionReason reason, String note, Instant createdAt) {
        this.kind = kind;
        this.value = value;
        this.reason = reason;
        this.note = note;
        this.createdAt = createdAt;
    }

    public Long getId() {
        return id;
    }

    public SuppressionKind getKind() {
        return kind;
    }

    public String getValue() {
        return value;
    }

    public SuppressionReason getReason() {
        return reason;
    }

    public String getNote() {
        return note;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

}
