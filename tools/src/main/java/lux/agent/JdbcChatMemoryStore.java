package lux.agent;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ChatMessageDeserializer;
import dev.langchain4j.data.message.ChatMessageSerializer;
import dev.langchain4j.store.memory.chat.ChatMemoryStore;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Chat memory in the database, so conversations survive a restart. The memory id is
 * {@code userId|conversationId} (see {@link #memoryId}): a user only ever reaches their
 * own rows.
 */
@Component
class JdbcChatMemoryStore implements ChatMemoryStore {

    private final JdbcTemplate jdbc;

    private final Clock clock;

    JdbcChatMemoryStore(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    static String memoryId(long userId, String conversationId) {
        String id = userId + "|" + conversationId;
        return id.length() > 300 ? id.substring(0, 300) : id;
    }

    @Override
    public List<ChatMessage> getMessages(Object memoryId) {
        List<String> json = jdbc.queryForList("SELECT messages FROM chat_memory WHERE memory_id = ?", String.class,
                memoryId.toString());
        return json.isEmpty() ? List.of() : ChatMessageDeserializer.messagesFromJson(json.get(0));
    }

    @Override
    public void updateMessages(Object memoryId, List<ChatMessage> messages) {
        String id = memoryId.toString();
        String json = ChatMessageSerializer.messagesToJson(messages);
        Timestamp now = Timestamp.from(clock.instant());
        if (jdbc.update("UPDATE chat_memory SET messages = ?, updated_at = ? WHERE memory_id = ?", json, now,
                id) == 0) {
            jdbc.update("INSERT INTO chat_memory (memory_id, user_id, messages, updated_at) VALUES (?, ?, ?, ?)", id,
                    Long.parseLong(id.substring(0, id.indexOf('|'))), json, now);
        }
    }

    @Override
    public void deleteMessages(Object memoryId) {
        jdbc.update("DELETE FROM chat_memory WHERE memory_id = ?", memoryId.toString());
    }

}
