package lux.tracking;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes one batch of hits: classified (person or machine), then in one transaction the
 * events stored, the first-open/first-click columns set and the per-campaign rollup
 * counters added. On PostgreSQL a batch costs a fixed handful of statements whatever its
 * size. A failure throws and changes nothing, so the caller can retry the batch.
 */
final class HitBatchWriter {

    private final TransactionTemplate tx;

    private final HitClassifier classifier;

    private final EventRows events;

    private final FirstTouches firsts;

    private final RollupWriter rollups;

    HitBatchWriter(TransactionTemplate tx, HitClassifier classifier, EventRows events, FirstTouches firsts,
            RollupWriter rollups) {
        this.tx = tx;
        this.classifier = classifier;
        this.events = events;
        this.firsts = firsts;
        this.rollups = rollups;
    }

    void write(List<Hit> hits) {
        if (hits.isEmpty()) {
            return;
        }
        List<Hit> ordered = new ArrayList<>(hits);
        ordered.sort(Comparator.comparing(Hit::at));
        List<ClassifiedHit> kept = classifier.classify(ordered);
        if (kept.isEmpty()) {
            return;
        }
        BatchCounts counts = new BatchCounts();
        for (ClassifiedHit c : kept) {
            Hit hit = c.hit();
            counts.hit(hit.campaignId(), hit.kind() == EventKind.OPEN, hit.at(), hit.linkId(), c.machineReason());
        }
        FirstTouches.Firsts batchFirsts = FirstTouches.of(kept);
        tx.executeWithoutResult(status -> {
            events.insert(kept);
            firsts.store(batchFirsts, counts);
            rollups.add(counts.toMap());
        });
    }

}
