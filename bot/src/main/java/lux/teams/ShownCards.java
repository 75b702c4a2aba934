package lux.teams;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Which activity in which conversation shows a campaign's progress or an import's card,
 * and when it was last updated. In the database, so whichever instance hears of a
 * campaign or an import next updates the same card, and the update interval holds across
 * instances.
 */
@Component
class ShownCards {

    private final JdbcTemplate jdbc;

    private final Clock clock;

    ShownCards(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Where a card is shown: a conversation and the activity id Teams gave the card
     * there.
     */
    record Shown(String conversationId, String activityId) {
    }

    void saveProgressCard(long campaignId, String conversationId, String activityId) {
        OffsetDateTime now = now();
        if (jdbc.update(
                "UPDATE teams_progress_card SET activity_id = ?, updated_at = ? WHERE campaign_id = ? AND conversation_id = ?",
                activityId, now, campaignId, conversationId) == 0) {
            jdbc.update(
                    "INSERT INTO teams_progress_card (campaign_id, conversation_id, activity_id, updated_at) VALUES (?, ?, ?, ?)",
                    campaignId, conversationId, activityId, now);
        }
    }

    List<Shown> progressCards(long campaignId) {
        return jdbc.query("SELECT conversation_id, activity_id FROM teams_progress_card WHERE campaign_id = ?",
                (rs, i) -> new Shown(rs.getString(1), rs.getString(2)), campaignId);
    }

    /**
     * True when this caller may update the campaign's progress cards now: none was
     * updated for a progress event within {@code interval}. Claimed in one statement, so
     * two instances sending the campaign do not both update.
     */
    boolean claimProgressUpdate(long campaignId, Duration interval) {
        Instant now = clock.instant();
        return jdbc.update(
                "UPDATE teams_progress_card SET last_progress_at = ? WHERE campaign_id = ? "
                        + "AND (last_progress_at IS NULL OR last_progress_at <= ?)",
                utc(now), campaignId, utc(now.minus(interval))) > 0;
    }

    /** Sending ended: a later run of the campaign starts its progress updates afresh. */
    void progressFinished(long campaignId) {
        jdbc.update("UPDATE teams_progress_card SET last_progress_at = NULL WHERE campaign_id = ?", campaignId);
    }

    Optional<Shown> importCard(long importId) {
        return jdbc
            .query("SELECT conversation_id, activity_id FROM teams_import_card WHERE import_id = ?",
                    (rs, i) -> new Shown(rs.getString(1), rs.getString(2)), importId)
            .stream()
            .findFirst();
    }

    /**
     * Remembers the card just posted for an import (its first update counts from now).
     */
    void saveImportCard(long importId, Shown shown) {
        try {
            jdbc.update(
                    "INSERT INTO teams_import_card (import_id, conversation_id, activity_id, last_update_at) VALUES (?, ?, ?, ?)",
                    importId, shown.conversationId(), shown.activityId(), now());
        }
        catch (DuplicateKeyException posted) {
            jdbc.update(
                    "UPDATE teams_import_card SET conversation_id = ?, activity_id = ?, last_update_at = ? WHERE import_id = ?",
                    shown.conversationId(), shown.activityId(), now(), importId);
        }
    }

    /**
     * True when this caller may update the import's card now (the last update is at least
     * {@code interval} old).
     */
    boolean claimImportUpdate(long importId, Duration interval) {
        Instant now = clock.instant();
        return jdbc.update(
                "UPDATE teams_import_card SET last_update_at = ? WHERE import_id = ? AND last_update_at <= ?", utc(now),
                importId, utc(now.minus(interval))) > 0;
    }

    /** The import is over: its card is final. */
    void forgetImportCard(long importId) {
        jdbc.update("DELETE FROM teams_import_card WHERE import_id = ?", importId);
    }

    /**
     * Import cards not updated for {@code idle} (an import whose instance stopped);
     * returns how many were dropped.
     */
    int forgetImportCardsIdleFor(Duration idle) {
        return jdbc.update("DELETE FROM teams_import_card WHERE last_update_at < ?", utc(clock.instant().minus(idle)));
    }

    private OffsetDateTime now() {
        return utc(clock.instant());
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

}
