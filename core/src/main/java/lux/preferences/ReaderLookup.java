package lux.preferences;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import lux.shared.PublicMessages;
import lux.tracking.TokenKind;
import lux.tracking.TrackingToken;
import lux.tracking.TrackingTokens;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Finds the contact behind the signed unsubscribe token of a mail (the same token as RFC
 * 8058's one-click), and what their page shows. A token that does not verify, or whose
 * contact is gone, finds no one.
 */
@Component
class ReaderLookup {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TrackingTokens tokens;

    private final JdbcTemplate jdbc;

    private final TopicService topics;

    private final Clock clock;

    ReaderLookup(TrackingTokens tokens, JdbcTemplate jdbc, TopicService topics, Clock clock) {
        this.tokens = tokens;
        this.jdbc = jdbc;
        this.topics = topics;
        this.clock = clock;
    }

    /** Locks nothing; callers that change the contact run it inside their transaction. */
    Optional<Reader> find(String token) {
        Optional<TrackingToken> verified = tokens.verify(TokenKind.UNSUBSCRIBE, token);
        if (verified.isEmpty()) {
            return Optional.empty();
        }
        TrackingToken t = verified.get();
        return jdbc
            .query("SELECT c.id, c.email, c.attributes, c.status, c.paused_until, g.name FROM campaign_recipient r "
                    + "JOIN campaign g ON g.id = r.campaign_id JOIN contact c ON c.id = r.contact_id OR (r.contact_id IS NULL AND c.email = r.email) "
                    + "WHERE r.id = ? AND r.campaign_id = ?", (rs, i) -> {
                        OffsetDateTime paused = rs.getObject(5, OffsetDateTime.class);
                        Instant until = paused == null || !paused.toInstant().isAfter(clock.instant()) ? null
                                : paused.toInstant();
                        return new Reader(rs.getLong(1), rs.getString(2), language(rs.getString(3)),
                                "ACTIVE".equals(rs.getString(4)), until, rs.getString(6), List.of());
                    }, t.recipientId(), t.campaignId())
            .stream()
            .findFirst()
            .map(r -> new Reader(r.contactId(), r.email(), r.language(), r.subscribed(), r.pausedUntil(), r.campaign(),
                    choices(r.contactId())));
    }

    private List<Reader.TopicChoice> choices(long contactId) {
        Set<Long> held = Set
            .copyOf(jdbc.queryForList("SELECT tag_id FROM contact_tag WHERE contact_id = ?", Long.class, contactId));
        Set<Long> out = Set.copyOf(jdbc.queryForList("SELECT tag_id FROM contact_topic_opt_out WHERE contact_id = ?",
                Long.class, contactId));
        return topics.list()
            .stream()
            .map(topic -> new Reader.TopicChoice(topic, held.contains(topic.tagId()) && !out.contains(topic.tagId())))
            .collect(Collectors.toList());
    }

    /**
     * The contact's {@code language} attribute ("de", "de-AT", "DE") as one of the page
     * languages; English otherwise.
     */
    static String language(String attributesJson) {
        String value;
        try {
            value = attributesJson == null || attributesJson.isBlank() ? null
                    : JSON.readTree(attributesJson).path("language").asText(null);
        }
        catch (JsonProcessingException e) {
            value = null; // stored attributes are always a JSON object; an unreadable one
                          // just reads English
        }
        String language = value == null || value.length() < 2 ? "en" : value.substring(0, 2).toLowerCase(Locale.ROOT);
        return PublicMessages.LANGUAGES.contains(language) ? language : "en";
    }

}
