package lux.tracking;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Every rule that tells a proxy or link scanner from a person, in one place. Returns the
 * reason a hit is machine traffic, or null for a human. Rules are checked in order: user
 * agent, too soon after delivery, click burst across links, click without open.
 */
public final class MachineTrafficRules {

    private final Map<String, Pattern> userAgents;

    private final Duration afterDelivery;

    private final Duration burstWindow;

    private final int burstLinks;

    private final boolean clickWithoutOpen;

    /**
     * Verdicts by user agent: a handful of agents carry most traffic, and the patterns
     * are costly to run.
     */
    private final Map<String, String> verdicts = new java.util.concurrent.ConcurrentHashMap<>();

    private static final String HUMAN = new String("human"); // identity marker for "no
                                                             // rule matched"

    private static final int MAX_VERDICTS = 10_000;

    public MachineTrafficRules(TrackingProperties.MachineRules rules) {
        this.userAgents = rules.userAgents()
            .stream()
            .filter(r -> r.contains("="))
            .collect(Collectors.toMap(r -> r.substring(0, r.indexOf('=')).strip(),
                    r -> Pattern.compile(r.substring(r.indexOf('=') + 1)), (a, b) -> a, java.util.LinkedHashMap::new));
        this.afterDelivery = rules.afterDelivery();
        this.burstWindow = rules.clickBurstWindow();
        this.burstLinks = rules.clickBurstLinks();
        this.clickWithoutOpen = rules.clickWithoutOpen();
    }

    /**
     * What is known about one recipient while its hits are classified, oldest hit first.
     */
    static final class RecipientState {

        final Instant sentAt;

        Instant openedAt;

        /**
         * The latest click time of each link clicked within the burst window: only the
         * number of different links matters, and a link's latest click leaves the window
         * last, so one entry per link is enough (a list of every click made each hit cost
         * a scan of all the recipient's recent clicks).
         */
        final Map<Long, Instant> recentClicks = new HashMap<>(4);

        /** The address was erased on request: store no user agent. */
        boolean erased;

        /**
         * The first-touch columns already set when read ({@link FirstTouches#stored}).
         */
        int storedFirsts;

        RecipientState(Instant sentAt, Instant openedAt) {
            this.sentAt = sentAt;
            this.openedAt = openedAt;
        }

    }

    /** Classifies {@code hit} and updates {@code state} with it. */
    String classify(Hit hit, RecipientState state) {
        String reason = byUserAgent(hit.userAgent());
        if (reason == null && state.sentAt != null && hit.at().isBefore(state.sentAt.plus(afterDelivery))) {
            reason = "within-" + afterDelivery.toSeconds() + "s-of-delivery";
        }
        if (hit.kind() == EventKind.CLICK) {
            Instant windowStart = hit.at().minus(burstWindow);
            state.recentClicks.values().removeIf(at -> at.isBefore(windowStart));
            state.recentClicks.merge(hit.linkId(), hit.at(), (a, b) -> a.isAfter(b) ? a : b);
            int linksInWindow = state.recentClicks.size();
            if (reason == null && linksInWindow >= burstLinks) {
                reason = "clicked-" + linksInWindow + "-links-within-" + burstWindow.toMillis() + "ms";
            }
            if (reason == null && clickWithoutOpen && state.openedAt == null) {
                reason = "click-without-open";
            }
        }
        else if (hit.kind() == EventKind.OPEN && state.openedAt == null) {
            state.openedAt = hit.at();
        }
        return reason;
    }

    public String byUserAgent(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return "no-user-agent";
        }
        if (userAgent.length() > 512) {
            return match(userAgent); // not cached: 10,000 long agents would hold
                                     // megabytes
        }
        String known = verdicts.get(userAgent);
        if (known == null) {
            known = match(userAgent);
            if (verdicts.size() >= MAX_VERDICTS) {
                verdicts.clear(); // bounded: a flood of made-up agents costs pattern
                                  // runs, never memory
            }
            verdicts.put(userAgent, known == null ? HUMAN : known);
            return known;
        }
        return known == HUMAN ? null : known;
    }

    private String match(String userAgent) {
        for (Map.Entry<String, Pattern> rule : userAgents.entrySet()) {
            if (rule.getValue().matcher(userAgent).matches()) {
                return rule.getKey();
            }
        }
        return null;
    }

}
