package lux.campaigns;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CampaignStatusTest {

    @Test
    void lifecycleAllowsTheExpectedMoves() {
        assertThat(CampaignStatus.DRAFT.canBecome(CampaignStatus.SCHEDULED)).isTrue();
        assertThat(CampaignStatus.SCHEDULED.canBecome(CampaignStatus.SENDING)).isTrue();
        assertThat(CampaignStatus.SENDING.canBecome(CampaignStatus.PAUSED)).isTrue();
        assertThat(CampaignStatus.PAUSED.canBecome(CampaignStatus.SENDING)).isTrue();
        assertThat(CampaignStatus.SENDING.canBecome(CampaignStatus.SENT)).isTrue();
        assertThat(CampaignStatus.FAILED.canBecome(CampaignStatus.SCHEDULED)).isTrue();
    }

    @Test
    void finishedCampaignsCannotMove() {
        for (CampaignStatus next : CampaignStatus.values()) {
            assertThat(CampaignStatus.SENT.canBecome(next)).isFalse();
            assertThat(CampaignStatus.CANCELLED.canBecome(next)).isFalse();
        }
        assertThat(CampaignStatus.DRAFT.canBecome(CampaignStatus.SENDING)).isFalse();
        assertThat(CampaignStatus.DRAFT.canBecome(CampaignStatus.SENT)).isFalse();
    }

    @Test
    void illegalTransitionMessageNamesBothStatusesAndTheWayOut() {
        IllegalTransitionException e = new IllegalTransitionException("Spring sale", CampaignStatus.DRAFT,
                CampaignStatus.PAUSED);
        assertThat(e.getMessage()).isEqualTo(
                "Campaign \"Spring sale\" is draft and cannot become paused. From draft it can become: cancelled, scheduled.");
    }

}
