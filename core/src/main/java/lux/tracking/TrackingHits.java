package lux.tracking;

import java.time.Clock;
import java.util.Optional;

/**
 * The hot half of {@link TrackingService}: an open or a click for a token. A plain
 * object, not a Spring proxy: {@link TrackingService} is proxied for its transactional
 * methods, and every call through that proxy (no advice applies to opens and clicks) went
 * through reflection, a few percent of each hit's CPU under load. The public routes take
 * this object once from {@link TrackingService#hits()} and call it directly. Thread-safe.
 */
public final class TrackingHits {

    private final TrackingTokens tokens;

    private final LinkRegistry links;

    private final EventWriter writer;

    private final Clock clock;

    private final TrafficGauge traffic;

    TrackingHits(TrackingTokens tokens, LinkRegistry links, EventWriter writer, Clock clock, TrafficGauge traffic) {
        this.tokens = tokens;
        this.links = links;
        this.writer = writer;
        this.clock = clock;
        this.traffic = traffic;
    }

    /**
     * Records an open unless {@code head} (link checkers probe with HEAD); false when the
     * token is not genuine.
     */
    public boolean open(String token, String userAgent, boolean head) {
        Optional<TrackingToken> t = tokens.verify(TokenKind.OPEN, token);
        if (t.isEmpty()) {
            return false;
        }
        traffic.hit(TrafficGauge.key(t.get())); // genuine tokens only (TrafficGauge)
        if (!head) {
            writer.submit(new Hit(EventKind.OPEN, t.get().campaignId(), t.get().recipientId(), null, clock.instant(),
                    userAgent));
        }
        return true;
    }

    /**
     * The stored URL to redirect to (records the click unless {@code head}); null when
     * the token is not genuine or its link is gone.
     */
    public String click(String token, String userAgent, boolean head) {
        Optional<TrackingToken> verified = tokens.verify(TokenKind.CLICK, token);
        if (verified.isEmpty()) {
            return null;
        }
        TrackingToken t = verified.get();
        traffic.hit(TrafficGauge.key(t)); // genuine tokens only (TrafficGauge)
        LinkRegistry.StoredLink link = links.byId(t.linkId()).orElse(null);
        if (link == null || link.campaignId() != t.campaignId()) {
            return null;
        }
        if (!head) {
            writer.submit(
                    new Hit(EventKind.CLICK, t.campaignId(), t.recipientId(), t.linkId(), clock.instant(), userAgent));
        }
        return link.url();
    }

}
