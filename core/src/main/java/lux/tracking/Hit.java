package lux.tracking;

import java.time.Instant;

/** One open or click as it arrived, before it is classified and written. */
record Hit(EventKind kind, long campaignId, long recipientId, Long linkId, Instant at, String userAgent) {
    Hit withoutUserAgent() {
        return withUserAgent(null);
    }

    Hit withUserAgent(String agent) {
        return agent == userAgent ? this : new Hit(kind, campaignId, recipientId, linkId, at, agent);
    }
}
