package lux.digest;

import java.time.Duration;

/** How often a user gets the digest. */
public enum DigestCadence {

    OFF(Duration.ZERO), DAILY(Duration.ofDays(1)), WEEKLY(Duration.ofDays(7));

    private final Duration period;

    DigestCadence(Duration period) {
        this.period = period;
    }

    /** The length of one digest period (zero when off). */
    public Duration period() {
        return period;
    }

}
