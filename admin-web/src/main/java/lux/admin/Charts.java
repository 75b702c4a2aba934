package lux.admin;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import lux.stats.CampaignStats;

/**
 * Chart.js specs (type, labels, datasets) built from stats, handed to the page as JSON in
 * a data attribute.
 */
final class Charts {

    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("MM-dd HH:00").withZone(ZoneOffset.UTC);

    private Charts() {
    }

    /**
     * Opens and clicks per hour, humans and machines apart; several campaigns' points are
     * added up.
     */
    static Map<String, Object> timeline(List<CampaignStats.HourlyPoint> points) {
        TreeMap<Instant, long[]> byHour = new TreeMap<>();
        for (CampaignStats.HourlyPoint p : points) {
            long[] sums = byHour.computeIfAbsent(p.hour(), h -> new long[4]);
            sums[0] += p.humanOpens();
            sums[1] += p.humanClicks();
            sums[2] += p.machineOpens();
            sums[3] += p.machineClicks();
        }
        List<String> labels = new ArrayList<>();
        List<List<Long>> series = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        byHour.forEach((hour, sums) -> {
            labels.add(HOUR.format(hour));
            for (int i = 0; i < 4; i++) {
                series.get(i).add(sums[i]);
            }
        });
        String[] names = { "Opens (people)", "Clicks (people)", "Opens (machines)", "Clicks (machines)" };
        String[] colours = { "#0d6efd", "#20c997", "#6c757d", "#adb5bd" };
        List<Map<String, Object>> datasets = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            datasets.add(Map.of("label", names[i], "data", series.get(i), "borderColor", colours[i], "backgroundColor",
                    colours[i]));
        }
        Map<String, Object> chart = new LinkedHashMap<>();
        chart.put("type", "line");
        chart.put("labels", labels);
        chart.put("datasets", datasets);
        return chart;
    }

}
