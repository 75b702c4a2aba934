package lux.campaigns;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface CampaignRecipientRepository extends JpaRepository<CampaignRecipient, Long> {

    /** SQL, not JPQL: see CampaignRepository.countByStatus. */
    @Query(value = "select status as status, count(*) as count from campaign_recipient where campaign_id = :campaignId "
            + "group by status", nativeQuery = true)
    List<StatusCount> countByStatus(long campaignId);

    interface StatusCount {

        RecipientStatus getStatus();

        long getCount();

    }

}
