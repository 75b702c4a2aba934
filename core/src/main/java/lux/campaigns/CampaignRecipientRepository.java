package lux.campaigns;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface CampaignRecipientRepository extends JpaRepository<CampaignRecipient, Long> {

    @Query("select r.status as status, count(r) as count from CampaignRecipient r where r.campaignId = :campaignId group by r.status")
    List<StatusCount> countByStatus(long campaignId);

    interface StatusCount {

        RecipientStatus getStatus();

        long getCount();

    }

}
