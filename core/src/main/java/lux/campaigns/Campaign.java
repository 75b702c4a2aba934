package lux.campaigns;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.ZoneId;
import lux.contacts.AudienceFilter;
import lux.templates.TemplateContent;

@Entity
@Table(name = "campaign")
public class Campaign {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false)
    private String name;

    @Column(nullable = false)
    private Long templateId;

    private String sender;

    @Convert(converter = AudienceFilterConverter.class)
    @Column(nullable = false)
    private AudienceFilter audience;

    /** A saved segment as the audience instead of the tags (null: the tags). */
    private Long segmentId;

    /** A resend: the recipients of this earlier campaign who did not open it. */
    private Long resendOf;

    private boolean resendExcludeClickers;

    /** Backs a journey's send step (written by journeys only): left out of lists. */
    @Column(insertable = false, updatable = false)
    private boolean forJourney;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private CampaignStatus status = CampaignStatus.DRAFT;

    private Instant scheduledAt;

    private String scheduleZone;

    private Instant startedAt;

    private Instant finishedAt;

    private int recipientsTotal;

    private int sentCount;

    private int failedCount;

    private int skippedCount;

    private Long createdBy;

    @Column(nullable = false)
    private Instant createdAt;

    @Column(nullable = false)
    private Instant updatedAt;

    @Enumerated(EnumType.STRING)
    private ApprovalState approvalState;

    private Long approvalRequestedBy;

    private String approvalRequestedByName;

    private Instant approvalRequestedAt;

    /**
     * The template's last change when approval was asked for: a later edit makes the
     * request stale.
     */
    private Instant approvalTemplateAt;

    private String approvalDecidedByName;

    private Instant approvalDecidedAt;

    private String approvalNote;

    /** The request's fingerprint: the approver approves exactly what was asked for. */
    private String approvalHash;

    /**
     * The template as confirmed (null while a draft): what delivery sends, whatever
     * happens to the template later.
     */
    private String sendSubject;

    private String sendHtml;

    private String sendText;

    /**
     * {@link SendFingerprint} of the confirmed content, audience, sender and time;
     * checked before the first recipient.
     */
    private String sendHash;

    @Version
    private long version;

    protected Campaign() {
    }

    Campaign(String name, long templateId, String sender, AudienceFilter audience, Long createdBy, Instant now) {
        this.name = name;
        this.templateId = templateId;
        this.sender = sender;
        this.audience = audience;
        this.createdBy = createdBy;
        this.createdAt = now;
        this.updatedAt = now;
    }

    /**
     * Makes this campaign a resend of {@code original} to its recipients without a human
     * open (and click, if asked).
     */
    void resendOf(long original, boolean excludeClickers) {
        this.resendOf = original;
        this.resendExcludeClickers = excludeClickers;
    }

    void useSegment(Long segmentId) {
        this.segmentId = segmentId;
    }

    /**
     * Moves to {@code next} or throws naming both statuses; the only way a status
     * changes.
     */
    CampaignStatus transitionTo(CampaignStatus next, Instant now) {
        if (!status.canBecome(next)) {
            throw new IllegalTransitionException(name, status, next);
        }
        CampaignStatus previous = status;
        status = next;
        updatedAt = now;
        if (next == CampaignStatus.SENDING && startedAt == null) {
            startedAt = now;
        }
        if (next.isFinal() || next == CampaignStatus.FAILED) {
            finishedAt = now;
        }
        return previous;
    }

    void schedule(Instant at, ZoneId zone) {
        this.scheduledAt = at;
        this.scheduleZone = zone.getId();
    }

    /**
     * Keeps the asked-for time on the campaign; it is scheduled only when someone else
     * approves.
     */
    void requestApproval(Instant at, ZoneId zone, Long userId, String userName, Instant templateAt, Instant now) {
        schedule(at, zone);
        approvalState = ApprovalState.PENDING;
        approvalRequestedBy = userId;
        approvalRequestedByName = userName;
        approvalRequestedAt = now;
        approvalTemplateAt = templateAt;
        approvalDecidedByName = null;
        approvalDecidedAt = null;
        approvalNote = null;
        updatedAt = now;
    }

    void decideApproval(ApprovalState outcome, String deciderName, String note, Instant now) {
        approvalState = outcome;
        approvalDecidedByName = deciderName;
        approvalDecidedAt = now;
        approvalNote = note;
        if (outcome != ApprovalState.APPROVED) {
            scheduledAt = null; // the asked-for time no longer stands
        }
        updatedAt = now;
    }

    /** Freezes what will be sent, as confirmed. */
    void pin(TemplateContent content, String hash) {
        sendSubject = content.subject();
        sendHtml = content.htmlBody();
        sendText = content.textBody();
        sendHash = hash;
    }

    /** Back to a draft: the template is read afresh and must be confirmed again. */
    void unpin() {
        sendSubject = null;
        sendHtml = null;
        sendText = null;
        sendHash = null;
    }

    /**
     * The confirmed copy of the template, or null when nothing is confirmed (a draft).
     */
    TemplateContent pinned() {
        return sendHtml == null ? null : new TemplateContent(null, sendSubject, sendHtml, sendText);
    }

    String getSendHash() {
        return sendHash;
    }

    String getApprovalHash() {
        return approvalHash;
    }

    long getVersion() {
        return version;
    }

    void setApprovalHash(String hash) {
        approvalHash = hash;
    }

    boolean awaitingApproval() {
        return approvalState == ApprovalState.PENDING;
    }

    void edit(String name, Long templateId, String sender, AudienceFilter audience, Instant now) {
        if (name != null) {
            this.name = name;
        }
        if (templateId != null) {
            this.templateId = templateId;
        }
        if (sender != null) {
            this.sender = sender;
        }
        if (audience != null) {
            this.audience = audience;
        }
        this.updatedAt = now;
    }

    void setCounters(int total, int sent, int failed, int skipped) {
        this.recipientsTotal = total;
        this.sentCount = sent;
        this.failedCount = failed;
        this.skippedCount = skipped;
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public Long getTemplateId() {
        return templateId;
    }

    public String getSender() {
        return sender;
    }

    public AudienceFilter getAudience() {
        return audience;
    }

    public CampaignStatus getStatus() {
        return status;
    }

    public Long getSegmentId() {
        return segmentId;
    }

    public Long getResendOf() {
        return resendOf;
    }

    public boolean isForJourney() {
        return forJourney;
    }

    public boolean isResendExcludeClickers() {
        return resendExcludeClickers;
    }

    public Instant getScheduledAt() {
        return scheduledAt;
    }

    public ZoneId getScheduleZone() {
        return scheduleZone == null ? null : ZoneId.of(scheduleZone);
    }

    public Instant getStartedAt() {
        return startedAt;
    }

    public Instant getFinishedAt() {
        return finishedAt;
    }

    public int getRecipientsTotal() {
        return recipientsTotal;
    }

    public int getSentCount() {
        return sentCount;
    }

    public int getFailedCount() {
        return failedCount;
    }

    public int getSkippedCount() {
        return skippedCount;
    }

    public Long getCreatedBy() {
        return createdBy;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    public ApprovalState getApprovalState() {
        return approvalState;
    }

    public Long getApprovalRequestedBy() {
        return approvalRequestedBy;
    }

    public String getApprovalRequestedByName() {
        return approvalRequestedByName;
    }

    public Instant getApprovalRequestedAt() {
        return approvalRequestedAt;
    }

    Instant getApprovalTemplateAt() {
        return approvalTemplateAt;
    }

    public String getApprovalDecidedByName() {
        return approvalDecidedByName;
    }

    public Instant getApprovalDecidedAt() {
        return approvalDecidedAt;
    }

    public String getApprovalNote() {
        return approvalNote;
    }

}
