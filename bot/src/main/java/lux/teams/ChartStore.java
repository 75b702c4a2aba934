package lux.teams;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Keeps rendered chart PNGs for a day under unguessable ids, since Teams fetches card images without LUX's login.
 * In memory and bounded: a restart only loses old chart images, never data.
 */
@Component
class ChartStore {
    static final int MAX_CHARTS = 500;
    static final Duration KEEP = Duration.ofHours(24);
    private final Map<String, Entry> charts = new LinkedHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;

    ChartStore(Clock clock) {
        this.clock = clock;
    }

    synchronized String put(byte[] png) {
        Instant now = clock.instant();
        Iterator<Map.Entry<String, Entry>> it = charts.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<String, Entry> e = it.next();
            if (charts.size() >= MAX_CHARTS || e.getValue().created().plus(KEEP).isBefore(now)) {
                it.remove();
            } else {
                break;
            }
        }
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        String id = HexFormat.of().formatHex(bytes);
        charts.put(id, new Entry(png, now));
        return id;
    }

    synchronized Optional<byte[]> get(String id) {
        Entry e = charts.get(id);
        return e == null || e.created().plus(KEEP).isBefore(clock.instant()) ? Optional.empty() : Optional.of(e.png());
    }

    private record Entry(byte[] png, Instant created) {
    }
}
