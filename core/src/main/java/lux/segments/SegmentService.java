package lux.segments;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import lux.audit.Actor;
import lux.audit.AuditService;
import lux.contacts.ContactSelection;
import lux.contacts.ContactService;
import lux.shared.ConflictException;
import lux.shared.InvalidInputException;
import lux.shared.NotFoundException;
import lux.shared.SqlDialect;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Saved segments and live counts: the one place chat, console, API and delivery turn a
 * definition into contacts. Every definition is checked by {@link SegmentRules} and
 * queried through {@link SegmentSql} (bind parameters only).
 */
@Service
public class SegmentService {

    static final int MAX_NAME = 200;
    static final int MAX_SAMPLE = 100;

    private final SegmentRepository segments;

    private final ContactService contacts;

    private final JdbcTemplate jdbc;

    private final SqlDialect dialect;

    private final AuditService audit;

    private final Clock clock;

    SegmentService(SegmentRepository segments, ContactService contacts, JdbcTemplate jdbc, SqlDialect dialect,
            AuditService audit, Clock clock) {
        this.segments = segments;
        this.contacts = contacts;
        this.jdbc = jdbc;
        this.dialect = dialect;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public List<SegmentView> list() {
        return segments.findAllByOrderByNameAsc().stream().map(SegmentView::of).toList();
    }

    @Transactional(readOnly = true)
    public SegmentView get(long id) {
        return SegmentView.of(entity(id));
    }

    /** By name, case-insensitive, for "send it to the lapsed customers segment". */
    @Transactional(readOnly = true)
    public SegmentView getByName(String name) {
        return segments.findByNameIgnoreCase(name == null ? "" : name.strip())
            .map(SegmentView::of)
            .orElseThrow(() -> new NotFoundException("Segment", "\"" + name + "\""));
    }

    @Transactional
    public SegmentView create(String name, SegmentDefinition definition, Actor actor) {
        String checkedName = requireName(name);
        if (segments.findByNameIgnoreCase(checkedName).isPresent()) {
            throw new ConflictException(
                    "A segment named \"" + checkedName + "\" already exists; pick another name or edit that one.");
        }
        SegmentDefinition checked = checked(definition);
        Segment segment = segments.save(new Segment(checkedName, checked, actor.userId(), clock.instant()));
        audit.record(actor, "segment.create", "segment", segment.getId(), checkedName + ": " + checked.describe());
        return SegmentView.of(segment);
    }

    @Transactional
    public SegmentView update(long id, String name, SegmentDefinition definition, Actor actor) {
        Segment segment = entity(id);
        String checkedName = name == null ? segment.getName() : requireName(name);
        segments.findByNameIgnoreCase(checkedName)
            .filter(other -> !Objects.equals(other.getId(), segment.getId()))
            .ifPresent(other -> {
                throw new ConflictException("A segment named \"" + checkedName + "\" already exists.");
            });
        SegmentDefinition checked = definition == null ? segment.getDefinition() : checked(definition);
        segment.change(checkedName, checked, clock.instant());
        audit.record(actor, "segment.update", "segment", id, checkedName + ": " + checked.describe());
        return SegmentView.of(segment);
    }

    /**
     * What the agent's audience analysis found ("inactive for 90 days"), saved under
     * {@code name} so a campaign can use it; an existing segment of that name is
     * replaced, so asking again refreshes it rather than failing.
     */
    @Transactional
    public SegmentView saveFromAnalysis(String name, SegmentDefinition definition, Actor actor) {
        return segments.findByNameIgnoreCase(requireName(name))
            .map(s -> update(s.getId(), name, definition, actor))
            .orElseGet(() -> create(name, definition, actor));
    }

    /**
     * Refused while an unfinished campaign sends to it; finished campaigns keep their
     * recipient rows and lose the link.
     */
    @Transactional
    public void delete(long id, Actor actor) {
        Segment segment = entity(id);
        List<String> using = jdbc.queryForList("SELECT name FROM campaign WHERE segment_id = ? AND status IN "
                + "('DRAFT', 'SCHEDULED', 'SENDING', 'PAUSED') ORDER BY id", String.class, id);
        if (!using.isEmpty()) {
            throw new ConflictException("Segment \"" + segment.getName() + "\" is the audience of "
                    + String.join(", ", using) + "; give those campaigns another audience first.");
        }
        jdbc.update("UPDATE campaign SET segment_id = NULL WHERE segment_id = ?", id);
        segments.delete(segment);
        audit.record(actor, "segment.delete", "segment", id, segment.getName());
    }

    /** The saved definition of segment {@code id}. */
    @Transactional(readOnly = true)
    public SegmentDefinition definition(long id) {
        return entity(id).getDefinition();
    }

    @Transactional(readOnly = true)
    public long count(SegmentDefinition definition) {
        SegmentSql sql = sql(checked(definition));
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM contact c WHERE " + sql.where(), Long.class,
                sql.args().toArray());
        return n == null ? 0 : n;
    }

    /**
     * The live count and the first {@code sampleSize} contacts, for the console's builder
     * and chat cards.
     */
    @Transactional(readOnly = true)
    public SegmentPreview preview(SegmentDefinition definition, int sampleSize) {
        SegmentDefinition checked = checked(definition);
        SegmentSql sql = sql(checked);
        int size = Math.max(0, Math.min(MAX_SAMPLE, sampleSize));
        List<SegmentPreview.Member> sample = jdbc.query(
                "SELECT c.id, c.email, c.first_name, c.last_name, c.company FROM contact c WHERE " + sql.where()
                        + " ORDER BY c.id LIMIT " + size,
                (rs, i) -> new SegmentPreview.Member(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5)),
                sql.args().toArray());
        return new SegmentPreview(checked.describe(), count(checked), sample);
    }

    /**
     * The definition as a condition on {@code contact c} (active, unsuppressed), for
     * set-based materialisation.
     */
    @Transactional(readOnly = true)
    public SegmentSql sql(SegmentDefinition definition) {
        return SegmentSql.of(SegmentRules.normalised(definition), dialect, clock.instant());
    }

    /**
     * The definition in words with campaigns by name ("received \"Welcome\" and did not
     * open it"), for chat and bulk confirmations.
     */
    @Transactional(readOnly = true)
    public String describe(SegmentDefinition definition) {
        String base = definition.tags().describe();
        if (definition.conditions().isEmpty()) {
            return base;
        }
        List<String> parts = new java.util.ArrayList<>();
        for (SegmentCondition condition : definition.conditions()) {
            Long campaignId = SegmentSql.campaignOf(condition);
            List<String> names = campaignId == null ? List.of()
                    : jdbc.queryForList("SELECT name FROM campaign WHERE id = ?", String.class, campaignId);
            parts.add(names.isEmpty() ? condition.describe()
                    : condition.describe()
                        .replaceFirst("campaign " + campaignId + "\\b",
                                java.util.regex.Matcher.quoteReplacement("\"" + names.get(0) + "\"")));
        }
        return base + " who " + String.join(" and ", parts);
    }

    /**
     * Segment {@code id}'s contacts as they are now, for a bulk change (tag, untag,
     * delete) by segment.
     */
    @Transactional(readOnly = true)
    public ContactSelection selection(long id) {
        Segment segment = entity(id);
        SegmentSql sql = sql(checked(segment.getDefinition()));
        return new ContactSelection(
                "contacts of segment \"" + segment.getName() + "\" (" + segment.getDefinition().describe() + ")",
                sql.where(), sql.args());
    }

    private SegmentDefinition checked(SegmentDefinition definition) {
        SegmentDefinition checked = SegmentRules.normalised(definition);
        contacts.requireKnownTags(checked.tags());
        for (SegmentCondition condition : checked.conditions()) {
            Long campaignId = SegmentSql.campaignOf(condition);
            if (campaignId != null
                    && jdbc.queryForObject("SELECT COUNT(*) FROM campaign WHERE id = ?", Long.class, campaignId) == 0) {
                throw new InvalidInputException("campaignId", "There is no campaign " + campaignId + ".");
            }
        }
        return checked;
    }

    private Segment entity(long id) {
        return segments.findById(id).orElseThrow(() -> new NotFoundException("Segment", id));
    }

    private static String requireName(String raw) {
        String name = raw == null ? "" : raw.strip();
        if (name.isEmpty()) {
            throw new InvalidInputException("name", "Give the segment a name.");
        }
        if (name.length() > MAX_NAME) {
            throw new InvalidInputException("name", "The segment name is longer than " + MAX_NAME + " characters.");
        }
        return name;
    }

}
