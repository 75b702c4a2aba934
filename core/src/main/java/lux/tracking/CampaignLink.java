package lux.tracking;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A URL of a campaign; clicks redirect only to URLs stored here, never to one from the
 * request.
 */
@Entity
@Table(name = "campaign_link")
public class CampaignLink {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false)
    private Long campaignId;

    @Column(nullable = false)
    private String url;

    @Column(nullable = false)
    private Instant createdAt;

    protected CampaignLink() {
    }

    public CampaignLink(long campaignId, String url, Instant createdAt) {
        this.campaignId = campaignId;
        this.url = url;
        this.createdAt = createdAt;
    }

    public Long getId() {
        return id;
    }

    public Long getCampaignId() {
        return campaignId;
    }

    public String getUrl() {
        return url;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

}
