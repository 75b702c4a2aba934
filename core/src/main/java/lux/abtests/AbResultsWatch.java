package lux.abtests;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Tells listeners when a running test's numbers change (the Teams card updates then),
 * once per change across instances: the digest of what was last told is kept on the
 * test's row.
 */
@Component
class AbResultsWatch {

    private final AbTestStore store;

    private final ApplicationEventPublisher events;

    AbResultsWatch(AbTestStore store, ApplicationEventPublisher events) {
        this.store = store;
        this.events = events;
    }

    int publishChanges() {
        int changed = 0;
        for (AbTestStore.Row test : store.live()) {
            StringBuilder digest = new StringBuilder();
            for (AbStatistics.Counts c : store.counts(test.campaignId(), store.variants(test.id()).size())) {
                digest.append(c.sent()).append('/').append(c.opened()).append('/').append(c.clicked()).append(';');
            }
            if (store.resultsChanged(test.id(), test.resultsDigest(), digest.toString())) {
                events.publishEvent(new AbTestEvent.ResultsChanged(test.campaignId()));
                changed++;
            }
        }
        return changed;
    }

}
