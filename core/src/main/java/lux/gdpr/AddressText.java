package lux.gdpr;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * One address as it can appear inside free text LUX stores: as typed (any case),
 * URL-encoded in a link ({@code ada%40example.com}) and JSON-escaped in serialised chat
 * messages. Finds the rows that mention it and replaces every spelling, so erasure does
 * not depend on how the address was written.
 */
public final class AddressText {

    /** What an erased address becomes inside text. */
    public static final String ERASED = "[erased]";

    private final String email;

    private final List<String> spellings;

    private final Pattern pattern;

    private AddressText(String email) {
        this.email = email;
        Set<String> forms = new LinkedHashSet<>();
        forms.add(email);
        forms.add(URLEncoder.encode(email, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT));
        forms.add(email.replace("@", "%40"));
        forms.add(jsonEscaped(email));
        this.spellings = List.copyOf(forms);
        this.pattern = Pattern.compile(String.join("|", spellings.stream().map(Pattern::quote).toList()),
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    /** For a normalised address (lower case, trimmed). */
    public static AddressText of(String normalisedEmail) {
        return new AddressText(normalisedEmail.toLowerCase(Locale.ROOT));
    }

    public String email() {
        return email;
    }

    /** Every spelling, lower case (compare with a lower-cased column). */
    public List<String> spellings() {
        return spellings;
    }

    public boolean foundIn(String text) {
        return text != null && pattern.matcher(text).find();
    }

    /** The text with every spelling replaced by {@code replacement}. */
    public String scrub(String text, String replacement) {
        return text == null ? null : pattern.matcher(text).replaceAll(Matcher.quoteReplacement(replacement));
    }

    /**
     * An SQL condition "the column mentions the address" with its arguments:
     * LOWER(column) LIKE each spelling. LIKE's wildcards in an address ({@code _}) may
     * match a little more; callers check rows with {@link #foundIn}.
     */
    public Condition mentionedIn(String column) {
        List<String> parts = new ArrayList<>();
        List<Object> args = new ArrayList<>();
        for (String s : spellings) {
            parts.add("LOWER(" + column + ") LIKE ?");
            args.add("%" + s.replace("\\", "\\\\") + "%"); // backslash is LIKE's escape
                                                           // on PostgreSQL and H2
        }
        return new Condition("(" + String.join(" OR ", parts) + ")", args);
    }

    public record Condition(String sql, List<Object> args) {
        public Object[] argArray() {
            return args.toArray();
        }
    }

    /**
     * Replaces the address in one text column of every row that mentions it
     * ({@code table} and columns are LUX's own names, never input); returns how many rows
     * changed.
     */
    public int scrubColumn(JdbcTemplate jdbc, String table, String idColumn, String column) {
        Condition where = mentionedIn(column);
        List<Object[]> changes = new ArrayList<>();
        jdbc.query("SELECT " + idColumn + ", " + column + " FROM " + table + " WHERE " + where.sql(), rs -> {
            String text = rs.getString(2);
            if (foundIn(text)) {
                changes.add(new Object[] { scrub(text, ERASED), rs.getObject(1) });
            }
        }, where.argArray());
        if (!changes.isEmpty()) {
            jdbc.batchUpdate("UPDATE " + table + " SET " + column + " = ? WHERE " + idColumn + " = ?", changes);
        }
        return changes.size();
    }

    private static String jsonEscaped(String s) {
        // Gson, which serialises chat memory, escapes these HTML-significant characters
        // as \\u00XX
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            if (c == '<' || c == '>' || c == '&' || c == '=' || c == '\'') {
                out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            }
            else {
                out.append(c);
            }
        }
        return out.toString();
    }

}
