package lux.audit;

import java.time.Clock;
import java.util.List;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records actions in the caller's transaction, so an audited change and its entry commit
 * together.
 */
@Service
public class AuditService {

    private final AuditEntryRepository entries;

    private final Clock clock;

    AuditService(AuditEntryRepository entries, Clock clock) {
        this.entries = entries;
        this.clock = clock;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void record(Actor actor, String action, String targetType, Object targetId, String details) {
        entries.save(new AuditEntry(actor, action, targetType, targetId == null ? null : String.valueOf(targetId),
                details, clock.instant()));
    }

    @Transactional(readOnly = true)
    public Page<AuditEntry> recent(Pageable pageable) {
        return entries.findAllByOrderByOccurredAtDescIdDesc(pageable);
    }

    @Transactional(readOnly = true)
    public List<AuditEntry> forTarget(String targetType, Object targetId) {
        return entries.findByTargetTypeAndTargetIdOrderByIdAsc(targetType, String.valueOf(targetId));
    }

}
