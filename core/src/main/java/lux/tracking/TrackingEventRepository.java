package lux.tracking;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

public interface TrackingEventRepository extends JpaRepository<TrackingEvent, Long> {

    List<TrackingEvent> findByRecipientIdOrderByOccurredAtAsc(long recipientId);

    long countByCampaignIdAndKind(long campaignId, EventKind kind);

}
