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

    List<Campaign> findByStatusAndScheduledAtLessThanEqualOrderByScheduledAt(CampaignStatus status, Instant now);

    default List<Campaign> findDue(Instant now) {
        return findByStatusAndScheduledAtLessThanEqualOrderByScheduledAt(CampaignStatus.SCHEDULED, now);
    }

    /**
     * SQL, not JPQL: a JPQL query is parsed when the repository is made, by Spring Data's
     * and Hibernate's ANTLR grammars, and LUX's few JPQL queries cost over a second of
     * every start (docs/benchmarks.md "Start-up"). Derived and SQL queries need neither
     * grammar.
     */
    @Query(value = "select status as status, count(*) as count from campaign where for_journey = false group by status",
            nativeQuery = true)
    List<StatusCount> countByStatus();

    interface StatusCount {

        CampaignStatus getStatus();

        long getCount();

    }

}
