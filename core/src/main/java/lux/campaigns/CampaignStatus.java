package lux.campaigns;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/** Campaign statuses and, in one place, which transitions between them are allowed. */
public enum CampaignStatus {

    DRAFT, SCHEDULED, SENDING, SENT, FAILED, PAUSED, CANCELLED;

    private static final Map<CampaignStatus, Set<CampaignStatus>> ALLOWED = Map.of(DRAFT,
            EnumSet.of(SCHEDULED, CANCELLED), SCHEDULED, EnumSet.of(DRAFT, SENDING, PAUSED, CANCELLED), SENDING,
            EnumSet.of(SENT, FAILED, PAUSED, CANCELLED), PAUSED, EnumSet.of(SCHEDULED, SENDING, CANCELLED), FAILED,
            EnumSet.of(SCHEDULED), SENT, EnumSet.noneOf(CampaignStatus.class), CANCELLED,
            EnumSet.noneOf(CampaignStatus.class));

    public boolean canBecome(CampaignStatus next) {
        return ALLOWED.get(this).contains(next);
    }

    public Set<CampaignStatus> next() {
        return Set.copyOf(ALLOWED.get(this));
    }

    public boolean isFinal() {
        return ALLOWED.get(this).isEmpty();
    }

    /** Lower-case name, as users see it. */
    public String label() {
        return name().toLowerCase();
    }

}
