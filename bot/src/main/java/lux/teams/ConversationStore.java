package lux.teams;

import com.microsoft.bot.schema.ConversationReference;
import com.microsoft.bot.schema.Serialization;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import lux.agent.UploadedFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Where LUX can reach users later (conversation references) and their last attached file.
 */
@Component
class ConversationStore {

    private static final Logger log = LoggerFactory.getLogger(ConversationStore.class);
    static final String PERSONAL = "personal";

    /**
     * How long an unchanged reference is not written again; "latest conversation" is at
     * most this much behind.
     */
    static final Duration UNCHANGED_REWRITE = Duration.ofSeconds(30);

    private static final int REMEMBERED = 10_000;

    private final JdbcTemplate jdbc;

    private final Clock clock;

    private final ServiceUrlPolicy serviceUrls;

    /**
     * Per conversation, the row this instance wrote last; per user, the conversation it
     * wrote last for them.
     */
    private final Map<String, Written> lastWritten = new ConcurrentHashMap<>();

    private final Map<Long, String> latestWritten = new ConcurrentHashMap<>();

    private record Written(long userId, String json, String zone, String type, Instant at) {
    }

    ConversationStore(JdbcTemplate jdbc, Clock clock, ServiceUrlPolicy serviceUrls) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.serviceUrls = serviceUrls;
    }

    /**
     * Remembers where (and in which time zone) the user talks to LUX, for proactive
     * messages. A reference whose serviceUrl LUX would not call is not stored at all.
     * Most turns repeat the reference this instance stored for the user moments ago: then
     * nothing is written (one UPDATE and commit less per turn), except once every
     * {@link #UNCHANGED_REWRITE} so the row's time still says which conversation the user
     * spoke in last.
     */
    void saveReference(long userId, ConversationReference reference, ZoneId zone) {
        if (!serviceUrls.allowed(reference.getServiceUrl())) {
            log.warn("Not storing a conversation reference with serviceUrl {}", reference.getServiceUrl());
            return;
        }
        String json = Serialization.toStringSilent(reference);
        String id = reference.getConversation().getId();
        String type = type(reference);
        Instant instant = clock.instant();
        Written before = lastWritten.get(id);
        if (before != null && before.userId() == userId && id.equals(latestWritten.get(userId))
                && before.json().equals(json) && before.zone().equals(zone.getId()) && before.type().equals(type)
                && instant.isBefore(before.at().plus(UNCHANGED_REWRITE))) {
            return;
        }
        Timestamp now = Timestamp.from(instant);
        if (jdbc.update(
                "UPDATE teams_conversation SET user_id = ?, reference = ?, zone = ?, updated_at = ?, conversation_type = ? "
                        + "WHERE conversation_id = ?",
                userId, json, zone.getId(), now, type, id) == 0) {
            jdbc.update(
                    "INSERT INTO teams_conversation (conversation_id, user_id, reference, zone, updated_at, conversation_type) "
                            + "VALUES (?, ?, ?, ?, ?, ?)",
                    id, userId, json, zone.getId(), now, type);
        }
        if (lastWritten.size() >= REMEMBERED || latestWritten.size() >= REMEMBERED) {
            forgetWritten(); // bounded: forgetting only costs one write per conversation
        }
        lastWritten.put(id, new Written(userId, json, zone.getId(), type, instant));
        latestWritten.put(userId, id);
    }

    /**
     * Forgets what this instance wrote, so the next turn writes its reference (another
     * writer changed or removed rows).
     */
    void forgetWritten() {
        lastWritten.clear();
        latestWritten.clear();
    }

    /**
     * personal, groupChat or channel; Teams leaves it out of some personal activities
     * (the Emulator always).
     */
    static String type(ConversationReference reference) {
        String type = reference.getConversation() == null ? null : reference.getConversation().getConversationType();
        return type == null || type.isBlank() ? PERSONAL : type;
    }

    /** The user's 1:1 chat with LUX they spoke in most recently. */
    Optional<Stored> latestPersonalReference(long userId) {
        return jdbc
            .query("SELECT reference, zone FROM teams_conversation WHERE user_id = ? AND conversation_type = ? "
                    + "ORDER BY updated_at DESC LIMIT 1",
                    (rs, i) -> new Stored(parse(rs.getString(1)), ZoneId.of(rs.getString(2))), userId, PERSONAL)
            .stream()
            .findFirst();
    }

    /** The conversation the user spoke in most recently. */
    Optional<Stored> latestReference(long userId) {
        return jdbc
            .query("SELECT reference, zone FROM teams_conversation WHERE user_id = ? ORDER BY updated_at DESC LIMIT 1",
                    (rs, i) -> new Stored(parse(rs.getString(1)), ZoneId.of(rs.getString(2))), userId)
            .stream()
            .findFirst();
    }

    Optional<Stored> reference(String conversationId) {
        return jdbc
            .query("SELECT reference, zone FROM teams_conversation WHERE conversation_id = ?",
                    (rs, i) -> new Stored(parse(rs.getString(1)), ZoneId.of(rs.getString(2))), conversationId)
            .stream()
            .findFirst();
    }

    record Stored(ConversationReference reference, ZoneId zone) {
        /** The language the user's Teams spoke when they last talked to LUX here. */
        java.util.Locale locale() {
            return lux.agent.TeamsMessages.locale(reference.getLocale());
        }

    }

    void saveUpload(String conversationId, long userId, String fileName, String url) {
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.update("DELETE FROM teams_upload WHERE conversation_id = ?", conversationId);
        jdbc.update(
                "INSERT INTO teams_upload (conversation_id, user_id, file_name, download_url, uploaded_at) VALUES (?, ?, ?, ?, ?)",
                conversationId, userId, fileName, url, now);
    }

    /**
     * The last file this user attached in this conversation (another user's upload is
     * never returned).
     */
    Optional<UploadedFile> lastUpload(String conversationId, long userId) {
        return jdbc.query(
                "SELECT file_name, download_url, uploaded_at FROM teams_upload WHERE conversation_id = ? AND user_id = ?",
                (rs, i) -> new UploadedFile(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant()),
                conversationId, userId)
            .stream()
            .findFirst();
    }

    private static ConversationReference parse(String json) {
        try {
            return Serialization.treeToValue(Serialization.jsonToTree(json), ConversationReference.class);
        }
        catch (java.io.IOException e) {
            throw new IllegalStateException("Stored conversation reference is unreadable", e);
        }
    }

}
