package lux.tracking;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One open, click or unsubscribe; {@code machine} marks hits from proxies and scanners,
 * with the reason.
 */
@Entity
@Table(name = "tracking_event")
public class TrackingEvent {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false)
    private Long recipientId;

    @Column(nullable = false)
    private Long campaignId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private EventKind kind;

    private Long linkId;

    @Column(nullable = false)
    private Instant occurredAt;

    private String userAgent;

    private boolean machine;

    private String machineReason;

    protected TrackingEvent() {
    }

    public TrackingEvent(long recipientId, long campaignId, EventKind kind, Long linkId, Instant occurredAt,
            String userAgent, String machineReason) {
        this.recipientId = recipientId;
        this.campaignId = campaignId;
        this.kind = kind;
        this.linkId = linkId;
        this.occurredAt = occurredAt;
        this.userAgent = userAgent == null || userAgent.length() <= 512 ? userAgent : userAgent.substring(0, 512);
        this.machine = machineReason != null;
        this.machineReason = machineReason;
    }

    public Long getId() {
        return id;
    }

    public Long getRecipientId() {
        return recipientId;
    }

    public Long getCampaignId() {
        return campaignId;
    }

    public EventKind getKind() {
        return kind;
    }

    public Long getLinkId() {
        return linkId;
    }

    public Instant getOccurredAt() {
        return occurredAt;
    }

    public String getUserAgent() {
        return userAgent;
    }

    public boolean isMachine() {
        return machine;
    }

    public String getMachineReason() {
        return machineReason;
    }

}
