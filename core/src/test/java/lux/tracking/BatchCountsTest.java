package lux.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BatchCountsTest {

    @Test
    void countsTotalsHoursLinksAndReasonsPerCampaign() {
        BatchCounts counts = new BatchCounts();
        Instant at = Instant.parse("2026-11-26T06:59:59Z");
        counts.hit(1, true, at, null, null);
        counts.hit(1, true, at.plusSeconds(1), null, "apple-mpp");
        counts.hit(1, false, at, 7L, null);
        counts.hit(1, false, at, 7L, "x".repeat(80));
        counts.hit(2, false, at, 8L, null);
        counts.add(1, "uopen.any", 2);
        Map<Long, Map<String, Long>> map = counts.toMap();
        assertThat(map.get(1L)).containsOnly(Map.entry("open.human", 1L), Map.entry("open.machine", 1L),
                Map.entry("click.human", 1L), Map.entry("click.machine", 1L),
                Map.entry("hour.2026-11-26T06.open.human", 1L), Map.entry("hour.2026-11-26T07.open.machine", 1L),
                Map.entry("hour.2026-11-26T06.click.human", 1L), Map.entry("hour.2026-11-26T06.click.machine", 1L),
                Map.entry("link.7.human", 1L), Map.entry("link.7.machine", 1L), Map.entry("reason.apple-mpp", 1L),
                Map.entry("reason." + "x".repeat(70), 1L), Map.entry("uopen.any", 2L));
        assertThat(map.get(2L)).containsOnly(Map.entry("click.human", 1L),
                Map.entry("hour.2026-11-26T06.click.human", 1L), Map.entry("link.8.human", 1L));
    }

}
