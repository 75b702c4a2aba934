package lux.imports;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.event.EventListener;

/**
 * Collects the import events a test context publishes, from whatever thread publishes
 * them.
 */
@TestConfiguration(proxyBeanMethods = false)
class ImportEventsCollector {

    final List<ImportEvent> events = new CopyOnWriteArrayList<>();

    @EventListener
    void on(ImportEvent event) {
        events.add(event);
    }

    List<ImportEvent> of(long importId) {
        return events.stream().filter(e -> e.importId() == importId).toList();
    }

}
