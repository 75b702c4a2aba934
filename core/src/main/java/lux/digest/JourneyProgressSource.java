package lux.digest;

import java.time.Instant;
import java.util.List;

/**
 * The extension point for journeys' progress in the digest: the journeys module
 * implements it as a bean (JourneyDigestProgress). It lets the digest ask without
 * depending on the module that answers.
 */
public interface JourneyProgressSource {

    /** Each active journey's contacts entered and completed in {@code [from, to)}. */
    List<DigestNumbers.JourneyProgress> progress(Instant from, Instant to);

}
