package lux.signup;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import lux.audit.Actor;
import lux.audit.AuditService;
import lux.shared.NotFoundException;
import lux.shared.PublicMessages;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sign-up forms: the one road for console, API and chat to define, change and remove
 * them.
 */
@Service
public class FormService {

    private static final String COLUMNS = "id, name, fields, tags, language, consent_text, double_opt_in, allowed_origin, "
            + "confirm_subject, confirm_body, created_at, updated_at";

    private final JdbcTemplate jdbc;

    private final AuditService audit;

    private final PublicMessages messages;

    private final Clock clock;

    FormService(JdbcTemplate jdbc, AuditService audit, PublicMessages messages, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.messages = messages;
        this.clock = clock;
    }

    @Transactional
    public SignupForm create(FormDefinition definition, Actor actor) {
        FormRules.Checked f = FormRules.check(definition, messages);
        Timestamp now = Timestamp.from(clock.instant());
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.update(con -> {
            var ps = con
                .prepareStatement("INSERT INTO signup_form (name, fields, tags, language, consent_text, double_opt_in, "
                        + "allowed_origin, confirm_subject, confirm_body, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        new String[] { "id" });
            ps.setString(1, f.name());
            ps.setString(2, String.join(",", f.fields()));
            ps.setString(3, String.join(",", f.tags()));
            ps.setString(4, f.language());
            ps.setString(5, f.consentText());
            ps.setBoolean(6, f.doubleOptIn());
            ps.setString(7, f.allowedOrigin());
            ps.setString(8, f.confirmSubject());
            ps.setString(9, f.confirmBody());
            ps.setTimestamp(10, now);
            ps.setTimestamp(11, now);
            return ps;
        }, key);
        long id = key.getKey().longValue();
        audit.record(actor, "form.create", "signup_form", id, f.name());
        return get(id);
    }

    @Transactional
    public SignupForm update(long id, FormDefinition definition, Actor actor) {
        get(id);
        FormRules.Checked f = FormRules.check(definition, messages);
        jdbc.update(
                "UPDATE signup_form SET name = ?, fields = ?, tags = ?, language = ?, consent_text = ?, double_opt_in = ?, "
                        + "allowed_origin = ?, confirm_subject = ?, confirm_body = ?, updated_at = ? WHERE id = ?",
                f.name(), String.join(",", f.fields()), String.join(",", f.tags()), f.language(), f.consentText(),
                f.doubleOptIn(), f.allowedOrigin(), f.confirmSubject(), f.confirmBody(),
                Timestamp.from(clock.instant()), id);
        audit.record(actor, "form.update", "signup_form", id, f.name());
        return get(id);
    }

    /** Removes the form and its unconfirmed sign-ups; contacts it brought in stay. */
    @Transactional
    public void delete(long id, Actor actor) {
        SignupForm form = get(id);
        jdbc.update("DELETE FROM signup_form WHERE id = ?", id);
        audit.record(actor, "form.delete", "signup_form", id, form.name());
    }

    @Transactional(readOnly = true)
    public SignupForm get(long id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM signup_form WHERE id = ?", FormService::map, id)
            .stream()
            .findFirst()
            .orElseThrow(() -> new NotFoundException("Sign-up form", id));
    }

    @Transactional(readOnly = true)
    public List<SignupForm> list() {
        return jdbc.query("SELECT " + COLUMNS + " FROM signup_form ORDER BY id", FormService::map);
    }

    private static SignupForm map(ResultSet rs, int row) throws SQLException {
        return new SignupForm(rs.getLong(1), rs.getString(2), split(rs.getString(3)), split(rs.getString(4)),
                rs.getString(5), rs.getString(6), rs.getBoolean(7), rs.getString(8), rs.getString(9), rs.getString(10),
                rs.getObject(11, OffsetDateTime.class).toInstant(), rs.getObject(12, OffsetDateTime.class).toInstant());
    }

    private static List<String> split(String csv) {
        return csv == null || csv.isEmpty() ? List.of() : Arrays.asList(csv.split(","));
    }

}
