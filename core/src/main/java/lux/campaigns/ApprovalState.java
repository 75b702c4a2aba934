package lux.campaigns;

/**
 * Where a campaign's send approval stands (only used when
 * {@code lux.campaigns.approval.required} is on).
 */
public enum ApprovalState {

    PENDING, APPROVED, REJECTED, WITHDRAWN;

    public String label() {
        return name().toLowerCase();
    }

}
