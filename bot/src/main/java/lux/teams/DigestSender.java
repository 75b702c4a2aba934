package lux.teams;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import lux.config.CoreProperties;
import lux.digest.DigestCadence;
import lux.digest.DigestNumbers;
import lux.digest.DigestPreferences;
import lux.digest.DigestStats;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Sends each user whose digest period has ended their digest card, in their Teams time
 * zone and language, once per period: the period is recorded (teams_digest_sent, keyed by
 * user and period start) before the card is posted, so a second run or a second instance
 * finds it taken. A card that fails to post is not retried (at most once, like a mail).
 */
@Component
class DigestSender {

    private static final Logger log = LoggerFactory.getLogger(DigestSender.class);

    private final JdbcTemplate jdbc;

    private final DigestPreferences preferences;

    private final DigestStats stats;

    private final DigestCards cards;

    private final TeamsMessenger messenger;

    private final ConversationStore conversations;

    private final CoreProperties core;

    private final Clock clock;

    DigestSender(JdbcTemplate jdbc, DigestPreferences preferences, DigestStats stats, DigestCards cards,
            TeamsMessenger messenger, ConversationStore conversations, CoreProperties core, Clock clock) {
        this.jdbc = jdbc;
        this.preferences = preferences;
        this.stats = stats;
        this.cards = cards;
        this.messenger = messenger;
        this.conversations = conversations;
        this.core = core;
        this.clock = clock;
    }

    /** Sends every digest that is due now; returns how many were posted. */
    int sendDue() {
        Instant now = clock.instant();
        Map<Long, DigestCadence> chosen = preferences.chosen();
        Map<String, DigestNumbers> numbers = new HashMap<>(); // per period: shared by
                                                              // users in one zone
        int sent = 0;
        for (long userId : usersWithTeamsChat()) {
            DigestCadence cadence = chosen.getOrDefault(userId, DigestCadence.WEEKLY);
            Optional<ConversationStore.Stored> chat = conversations.latestPersonalReference(userId);
            if (chat.isEmpty()) {
                continue;
            }
            Optional<DigestPeriod> period = DigestPeriod.due(cadence, now, chat.get().zone());
            if (period.isEmpty() || !claim(userId, period.get(), now)) {
                continue;
            }
            DigestPeriod p = period.get();
            DigestNumbers n = numbers.computeIfAbsent(p.start() + "/" + p.end(),
                    k -> stats.numbers(p.start(), p.end()));
            try {
                Optional<ConversationStore.Stored> to = messenger.personalChat(userId);
                if (to.isPresent()) {
                    messenger.post(to.get(), Replies.card(cards.digest(p, n, consoleUrl(), to.get().locale())));
                    sent++;
                }
            }
            catch (RuntimeException e) {
                log.warn("Digest for user {} (period from {}) not delivered: {}", userId, p.start(), e.getMessage());
            }
        }
        return sent;
    }

    /** Enabled users LUX can reach in a personal chat. */
    private List<Long> usersWithTeamsChat() {
        return jdbc.queryForList(
                "SELECT DISTINCT c.user_id FROM teams_conversation c JOIN app_user u ON u.id = "
                        + "c.user_id WHERE u.enabled = TRUE AND c.conversation_type = ? ORDER BY c.user_id",
                Long.class, ConversationStore.PERSONAL);
    }

    /** Takes the period for this user; false when a run (here or elsewhere) took it. */
    private boolean claim(long userId, DigestPeriod period, Instant now) {
        try {
            return jdbc.update(
                    "INSERT INTO teams_digest_sent (user_id, period_start, cadence, sent_at) "
                            + "SELECT ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM teams_digest_sent WHERE user_id = ? "
                            + "AND period_start = ?)",
                    userId, Timestamp.from(period.start()), period.cadence().name(), Timestamp.from(now), userId,
                    Timestamp.from(period.start())) == 1;
        }
        catch (DuplicateKeyException e) {
            return false; // another instance inserted it between our check and insert
        }
    }

    private String consoleUrl() {
        return core.publicBaseUrl().toString().replaceAll("/+$", "") + "/admin";
    }

}
