package lux.journeys;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import lux.templates.TemplateContent;
import lux.templates.TemplateService;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;

/** Journeys and their versioned steps in SQL. */
@Component
class JourneyStore {

    /**
     * A step as stored: its row id and, for sends, the campaign its mail is tracked
     * under.
     */
    record StoredStep(long id, int position, JourneyStep step, Long campaignId) {
    }

    private static final String EMPTY_AUDIENCE = "{\"anyOf\":[],\"allOf\":[],\"excluded\":[]}";

    private final JdbcTemplate jdbc;

    private final TemplateService templates;

    JourneyStore(JdbcTemplate jdbc, TemplateService templates) {
        this.jdbc = jdbc;
        this.templates = templates;
    }

    long insert(NewJourney journey, JourneyStatus status, Long userId, Instant now) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        Long after = journey.trigger().kind() == TriggerKind.CONTACT_CREATED
                ? jdbc.queryForObject("SELECT COALESCE(MAX(id), 0) FROM contact", Long.class) : 0L;
        jdbc.update(con -> {
            var ps = con.prepareStatement(
                    "INSERT INTO journey (name, status, current_version, time_zone, trigger_kind, trigger_tag, "
                            + "trigger_attribute, trigger_days, enrol_after_contact, created_by, created_at, updated_at) "
                            + "VALUES (?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    new String[] { "id" });
            Trigger t = journey.trigger();
            ps.setString(1, journey.name());
            ps.setString(2, status.name());
            ps.setString(3, journey.timeZone());
            ps.setString(4, t.kind().name());
            ps.setString(5, t.tag());
            ps.setString(6, t.attribute());
            ps.setInt(7, t.daysBefore());
            ps.setLong(8, after);
            ps.setObject(9, userId);
            ps.setTimestamp(10, Timestamp.from(now));
            ps.setTimestamp(11, Timestamp.from(now));
            return ps;
        }, key);
        long id = key.getKey().longValue();
        insertSteps(id, journey.name(), 1, journey.steps(), now);
        return id;
    }

    /**
     * A new version: its steps, each send with a campaign holding the template as it is
     * now.
     */
    int addVersion(long id, String name, List<JourneyStep> steps, Instant now) {
        int version = jdbc.queryForObject("SELECT current_version FROM journey WHERE id = ?", Integer.class, id) + 1;
        insertSteps(id, name, version, steps, now);
        jdbc.update("UPDATE journey SET current_version = ?, updated_at = ? WHERE id = ?", version, Timestamp.from(now),
                id);
        return version;
    }

    private void insertSteps(long journeyId, String name, int version, List<JourneyStep> steps, Instant now) {
        for (int i = 0; i < steps.size(); i++) {
            JourneyStep step = steps.get(i);
            Long campaign = step instanceof JourneyStep.Send send
                    ? backingCampaign(name, version, i, send.templateId(), now) : null;
            Object[] row = columns(step);
            jdbc.update(
                    "INSERT INTO journey_step (journey_id, version, position, kind, template_id, campaign_id, "
                            + "wait_seconds, until_days, until_time, branch_on, next_yes, next_no, tag) "
                            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    journeyId, version, i, row[0], row[1], campaign, row[2], row[3], row[4], row[5], row[6], row[7],
                    row[8]);
        }
    }

    /**
     * The campaign a send step's mail is tracked under: never scheduled (status SENT, so
     * delivery leaves it alone), with the content frozen now.
     */
    private long backingCampaign(String journey, int version, int position, long templateId, Instant now) {
        TemplateContent content = templates.content(templateId);
        String name = limit("Journey " + journey + " v" + version + " step " + (position + 1), 200);
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.update(con -> {
            var ps = con.prepareStatement(
                    "INSERT INTO campaign (name, template_id, audience, status, started_at, created_at, updated_at, "
                            + "send_subject, send_html, send_text, for_journey) VALUES (?, ?, ?, 'SENT', ?, ?, ?, ?, ?, ?, TRUE)",
                    new String[] { "id" });
            ps.setString(1, name);
            ps.setLong(2, templateId);
            ps.setString(3, EMPTY_AUDIENCE);
            ps.setTimestamp(4, Timestamp.from(now));
            ps.setTimestamp(5, Timestamp.from(now));
            ps.setTimestamp(6, Timestamp.from(now));
            ps.setString(7, content.subject());
            ps.setString(8, content.htmlBody());
            ps.setString(9, content.textBody());
            return ps;
        }, key);
        return key.getKey().longValue();
    }

    private static Object[] columns(JourneyStep step) {
        Object[] c = new Object[9]; // kind, template, wait, days, time, branch, yes, no,
                                    // tag
        if (step instanceof JourneyStep.Send s) {
            c[0] = "SEND";
            c[1] = s.templateId();
        }
        else if (step instanceof JourneyStep.Wait w) {
            c[0] = "WAIT";
            c[2] = w.duration().toSeconds();
        }
        else if (step instanceof JourneyStep.WaitUntil w) {
            c[0] = "WAIT_UNTIL";
            c[3] = w.days().stream().map(d -> String.valueOf(d.getValue())).sorted().collect(Collectors.joining(","));
            c[4] = w.time().toString();
        }
        else if (step instanceof JourneyStep.Branch b) {
            c[0] = "BRANCH";
            c[5] = b.on().name();
            c[6] = b.ifYes();
            c[7] = b.ifNo();
        }
        else if (step instanceof JourneyStep.AddTag t) {
            c[0] = "ADD_TAG";
            c[8] = t.tag();
        }
        else if (step instanceof JourneyStep.RemoveTag t) {
            c[0] = "REMOVE_TAG";
            c[8] = t.tag();
        }
        else {
            c[0] = "END";
        }
        return c;
    }

    /** The steps of one version, in order. */
    List<StoredStep> steps(long journeyId, int version) {
        return jdbc.query(
                "SELECT s.id, s.position, s.kind, s.template_id, t.name, s.wait_seconds, s.until_days, "
                        + "s.until_time, s.branch_on, s.next_yes, s.next_no, s.tag, s.campaign_id FROM journey_step s "
                        + "LEFT JOIN email_template t ON t.id = s.template_id WHERE s.journey_id = ? AND s.version = ? "
                        + "ORDER BY s.position",
                (rs, i) -> new StoredStep(rs.getLong(1), rs.getInt(2), step(rs), (Long) rs.getObject(13, Long.class)),
                journeyId, version);
    }

    private static JourneyStep step(ResultSet rs) throws SQLException {
        return switch (rs.getString(3)) {
            case "SEND" ->
                new JourneyStep.Send(rs.getLong(4), rs.getString(5) == null ? "#" + rs.getLong(4) : rs.getString(5));
            case "WAIT" -> new JourneyStep.Wait(Duration.ofSeconds(rs.getLong(6)));
            case "WAIT_UNTIL" -> new JourneyStep.WaitUntil(days(rs.getString(7)), LocalTime.parse(rs.getString(8)));
            case "BRANCH" -> new JourneyStep.Branch(Engagement.valueOf(rs.getString(9)),
                    (Integer) rs.getObject(10, Integer.class), (Integer) rs.getObject(11, Integer.class));
            case "ADD_TAG" -> new JourneyStep.AddTag(rs.getString(12));
            case "REMOVE_TAG" -> new JourneyStep.RemoveTag(rs.getString(12));
            default -> new JourneyStep.End();
        };
    }

    private static Set<DayOfWeek> days(String stored) {
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        if (stored != null && !stored.isBlank()) {
            for (String d : stored.split(",")) {
                days.add(DayOfWeek.of(Integer.parseInt(d.strip())));
            }
        }
        return days;
    }

    Optional<JourneyView> find(long id) {
        List<JourneyView> found = jdbc.query(SELECT + " WHERE id = ?", (rs, i) -> view(rs), id);
        return found.stream().findFirst();
    }

    Optional<JourneyView> findByName(String name) {
        return jdbc.query(SELECT + " WHERE LOWER(name) = LOWER(?)", (rs, i) -> view(rs), name).stream().findFirst();
    }

    List<JourneyView> list() {
        return jdbc.query(SELECT + " ORDER BY id", (rs, i) -> view(rs));
    }

    /** Active or paused journeys with this trigger kind: what an event may enrol into. */
    List<JourneyView> triggeredBy(TriggerKind kind) {
        return jdbc.query(SELECT + " WHERE trigger_kind = ? ORDER BY id", (rs, i) -> view(rs), kind.name());
    }

    boolean setStatus(long id, JourneyStatus from, JourneyStatus to, Instant now) {
        return jdbc.update("UPDATE journey SET status = ?, updated_at = ? WHERE id = ? AND status = ?", to.name(),
                Timestamp.from(now), id, from.name()) == 1;
    }

    void delete(long id) {
        // due rows have no key to the journey (a check per row on the engine's hot path):
        // they go here, or a deleted journey's would stay (the claim skips them)
        jdbc.update("DELETE FROM journey_due WHERE journey_id = ?", id);
        jdbc.update("DELETE FROM journey WHERE id = ?", id);
    }

    private static final String SELECT = "SELECT id, name, status, current_version, trigger_kind, trigger_tag, "
            + "trigger_attribute, trigger_days, time_zone, created_at, updated_at FROM journey";

    private JourneyView view(ResultSet rs) throws SQLException {
        long id = rs.getLong(1);
        int version = rs.getInt(4);
        List<JourneyStep> steps = new ArrayList<>();
        steps(id, version).forEach(s -> steps.add(s.step()));
        return new JourneyView(id, rs.getString(2), JourneyStatus.valueOf(rs.getString(3)), version,
                new Trigger(TriggerKind.valueOf(rs.getString(5)), rs.getString(6), rs.getString(7), rs.getInt(8)),
                steps, rs.getString(9), rs.getTimestamp(10).toInstant(), rs.getTimestamp(11).toInstant());
    }

    private static String limit(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }

}
