package lux.preferences;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import lux.audit.Actor;
import lux.audit.AuditService;
import lux.contacts.Tag;
import lux.shared.InvalidInputException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Which tags are public topics, with their label and description. An admin replaces the
 * whole list at once (console and API); readers' opt-outs stay when a topic stops being
 * public, so taking a topic down never re-subscribes anyone.
 */
@Service
public class TopicService {

    static final int MAX_LABEL = 100;
    static final int MAX_DESCRIPTION = 500;

    private final JdbcTemplate jdbc;

    private final AuditService audit;

    private final Clock clock;

    TopicService(JdbcTemplate jdbc, AuditService audit, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    /** The public topics, by label. */
    @Transactional(readOnly = true)
    public List<Topic> list() {
        return jdbc.query(
                "SELECT t.id, t.name, p.label, p.description FROM topic p JOIN tag t ON t.id = p.tag_id ORDER BY p.label, t.name",
                (rs, i) -> new Topic(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)));
    }

    /**
     * Makes exactly these tags the public topics. Each tag must exist and appear once;
     * each needs a label.
     */
    @Transactional
    public List<Topic> replace(List<TopicDefinition> definitions, Actor actor) {
        if (definitions == null) {
            throw new InvalidInputException("topics", "Give the topics as a list (an empty list makes no tag public).");
        }
        Set<String> seen = new HashSet<>();
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.update("DELETE FROM topic");
        for (int i = 0; i < definitions.size(); i++) {
            TopicDefinition d = definitions.get(i);
            String field = "topics[" + i + "]";
            if (d == null) {
                throw new InvalidInputException(field, "Topic " + (i + 1) + " is empty.");
            }
            String tag = Tag.normalise(d.tag());
            if (!seen.add(tag)) {
                throw new InvalidInputException(field + ".tag",
                        "The tag \"" + tag + "\" is listed twice; list each topic once.");
            }
            Long tagId = jdbc.query("SELECT id FROM tag WHERE name = ?", rs -> rs.next() ? rs.getLong(1) : null, tag);
            if (tagId == null) {
                throw new InvalidInputException(field + ".tag",
                        "There is no tag \"" + tag + "\". Tag some contacts with it first.");
            }
            String label = d.label() == null ? "" : d.label().strip();
            if (label.isEmpty() || label.length() > MAX_LABEL) {
                throw new InvalidInputException(field + ".label", "The topic \"" + tag + "\" needs a label of 1 to "
                        + MAX_LABEL + " characters: readers see it instead of the tag.");
            }
            String description = d.description() == null || d.description().isBlank() ? null : d.description().strip();
            if (description != null && description.length() > MAX_DESCRIPTION) {
                throw new InvalidInputException(field + ".description",
                        "The description of \"" + tag + "\" is longer than " + MAX_DESCRIPTION + " characters.");
            }
            jdbc.update("INSERT INTO topic (tag_id, label, description, updated_at) VALUES (?, ?, ?, ?)", tagId, label,
                    description, now);
        }
        audit.record(actor, "topics.update", "topic", null,
                seen.isEmpty() ? "no public topics" : "public topics: " + String.join(", ", seen));
        return list();
    }

}
