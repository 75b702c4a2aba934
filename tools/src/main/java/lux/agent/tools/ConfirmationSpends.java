package lux.agent.tools;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import lux.agent.ConfirmationKind;
import lux.audit.Actor;
import lux.shared.ConflictException;
import lux.shared.InvalidInputException;
import lux.suppression.SuppressionService;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Pressing a card's button spends its nonce: only for the user it was made for, once,
 * before it expires, and never after it was withdrawn. Shared by the campaign cards
 * ({@link ConfirmationService}) and the contact ones ({@link ContactDeletions}).
 */
@Component
class ConfirmationSpends {

    private final JdbcTemplate jdbc;

    private final Clock clock;

    ConfirmationSpends(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * A card's row; {@code target} and {@code targetCount} name the contacts of a card
     * about contacts.
     */
    record Pending(long userId, ConfirmationKind kind, long campaignId, String localTime, String zone,
            Instant expiresAt, boolean used, String outcome, String contentHash, String note, String target,
            long targetCount) {
    }

    /**
     * Spends a card's nonce for this actor (once, unexpired), or refuses saying why.
     */
    Pending spend(String nonce, Actor actor, String outcome) {
        if (nonce == null || nonce.isBlank()) {
            throw new InvalidInputException("nonce", "This button has no confirmation attached. Ask LUX again.");
        }
        String hash = SuppressionService.hash(nonce);
        List<Pending> rows = jdbc.query(
                "SELECT user_id, kind, campaign_id, local_time, zone, expires_at, used_at, outcome, content_hash, note, target, target_count "
                        + "FROM agent_confirmation WHERE nonce_hash = ?",
                (rs, i) -> new Pending(rs.getLong("user_id"), ConfirmationKind.valueOf(rs.getString("kind")),
                        rs.getLong("campaign_id"), rs.getString("local_time"), rs.getString("zone"),
                        rs.getTimestamp("expires_at").toInstant(), rs.getTimestamp("used_at") != null,
                        rs.getString("outcome"), rs.getString("content_hash"), rs.getString("note"),
                        rs.getString("target"), rs.getLong("target_count")),
                hash);
        if (rows.isEmpty()) {
            throw new InvalidInputException("nonce", "This confirmation is unknown. Ask LUX again to get a new card.");
        }
        Pending row = rows.get(0);
        if (actor.userId() == null || row.userId() != actor.userId()) {
            throw new InvalidInputException("nonce", "This card was made for someone else; only they can confirm it.");
        }
        if (row.used() && ConfirmationWithdrawals.WITHDRAWN.equals(row.outcome())) {
            throw new ConflictException(
                    "This card was withdrawn: the campaign changed after it was made. Nothing was done. "
                            + "Ask LUX again to see it as it is now.");
        }
        if (row.used()) {
            throw new ConflictException("This card was already used. Nothing more was done.");
        }
        if (!row.expiresAt().isAfter(clock.instant())) {
            throw new InvalidInputException("nonce",
                    "This confirmation has expired. Ask LUX again to get a fresh card.");
        }
        int spent = jdbc.update(
                "UPDATE agent_confirmation SET used_at = ?, outcome = ? WHERE nonce_hash = ? AND used_at IS NULL",
                Timestamp.from(clock.instant()), outcome, hash);
        if (spent != 1) {
            throw new ConflictException("This card was already used. Nothing more was done.");
        }
        return row;
    }

}
