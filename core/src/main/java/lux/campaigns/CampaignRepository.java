package lux.campaigns;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface CampaignRepository extends JpaRepository<Campaign, Long> {

    Optional<Campaign> findFirstByNameIgnoreCaseOrderByIdDesc(String name);

    /** Campaigns a marketer made (a journey's step campaigns are shown under it). */
    Page<Campaign> findByForJourneyFalseOrderByIdDesc(Pageable pageable);

    Page<Campaign> findByStatusAndForJourneyFalseOrderByIdDesc(CampaignStatus status, Pageable pageable);

    List<Campaign> findByApprovalStateOrderByApprovalRequestedAt(ApprovalState state);

    List<Campaign> findByTemplateIdAndStatus(Long templateId, CampaignStatus status);

    @Query("select c from Campaign c where c.status = lux.campaigns.CampaignStatus.SCHEDULED and c.scheduledAt <= :now order by c.scheduledAt")
    List<Campaign> findDue(Instant now);

    @Query("select c.status as status, count(c) as count from Campaign c where c.forJourney = false group by c.status")
    List<StatusCount> countByStatus();

    interface StatusCount {

        CampaignStatus getStatus();

        long getCount();

    }

}
