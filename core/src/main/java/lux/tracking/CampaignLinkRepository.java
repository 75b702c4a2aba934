package lux.tracking;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface CampaignLinkRepository extends JpaRepository<CampaignLink, Long> {

    Optional<CampaignLink> findByCampaignIdAndUrl(long campaignId, String url);

    List<CampaignLink> findByCampaignIdOrderByIdAsc(long campaignId);

}
