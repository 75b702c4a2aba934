package lux.tracking;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Stores each distinct URL of a campaign once and answers id -> URL for redirects; both
 * directions cached.
 */
@Component
class LinkRegistry {

    private static final int MAX_CACHED = 50_000;

    private final JdbcTemplate jdbc;

    private final Clock clock;

    private final Map<String, Long> idsByKey = new ConcurrentHashMap<>();

    private final Map<Long, StoredLink> linksById = new ConcurrentHashMap<>();

    LinkRegistry(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    record StoredLink(long campaignId, String url) {
    }

    long idFor(long campaignId, String url) {
        String key = campaignId + " " + url;
        Long cached = idsByKey.get(key);
        if (cached != null) {
            return cached;
        }
        long id = find(campaignId, url).orElseGet(() -> {
            try {
                jdbc.update("INSERT INTO campaign_link (campaign_id, url, created_at) VALUES (?, ?, ?)", campaignId,
                        url, Timestamp.from(clock.instant()));
            }
            catch (DuplicateKeyException raced) {
                // another worker stored it first
            }
            return find(campaignId, url).orElseThrow();
        });
        if (idsByKey.size() > MAX_CACHED) {
            idsByKey.clear();
        }
        idsByKey.put(key, id);
        return id;
    }

    Optional<StoredLink> byId(long linkId) {
        StoredLink cached = linksById.get(linkId);
        if (cached != null) {
            return Optional.of(cached);
        }
        List<StoredLink> found = jdbc.query("SELECT campaign_id, url FROM campaign_link WHERE id = ?",
                (rs, i) -> new StoredLink(rs.getLong(1), rs.getString(2)), linkId);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        if (linksById.size() > MAX_CACHED) {
            linksById.clear();
        }
        linksById.put(linkId, found.get(0));
        return Optional.of(found.get(0));
    }

    /** Drops a link from both caches (its URL changed or it is gone: erasure). */
    void forget(long linkId) {
        linksById.remove(linkId);
        idsByKey.values().removeIf(id -> id == linkId);
    }

    private Optional<Long> find(long campaignId, String url) {
        return jdbc
            .queryForList("SELECT id FROM campaign_link WHERE campaign_id = ? AND url = ?", Long.class, campaignId, url)
            .stream()
            .findFirst();
    }

}
