package lux.segments;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import lux.contacts.AudienceFilter;
import lux.shared.SqlDialect;

/**
 * A segment as a SQL condition on {@code contact c}: active, unsuppressed and matching
 * every part of the definition. Only fixed SQL text is written here; every key, value,
 * tag and id goes in as a bind parameter (keys are also checked by {@link SegmentRules}).
 * Attributes are compact JSON text, so attribute tests match JSON fragments; inside a
 * JSON value a quote is always escaped, so a fragment cannot match across a value's end.
 */
public record SegmentSql(String where, List<Object> args) {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String TAGGED = "SELECT 1 FROM contact_tag ct JOIN tag t ON t.id = ct.tag_id WHERE ct.contact_id = c.id AND ";

    // a tag the reader switched off as a topic does not count as held (it still counts
    // for excluded tags)
    private static final String NOT_OPTED_OUT = " AND NOT EXISTS (SELECT 1 FROM contact_topic_opt_out o WHERE o.contact_id = c.id AND o.tag_id = ct.tag_id)";

    private static final String RECEIVED = "SELECT 1 FROM campaign_recipient r WHERE r.contact_id = c.id AND r.campaign_id = ? ";

    public static SegmentSql of(SegmentDefinition definition, SqlDialect dialect, Instant now) {
        // paused readers (preference centre) are out until their pause ends
        List<String> where = new ArrayList<>(
                List.of("c.status = 'ACTIVE'", "(c.paused_until IS NULL OR c.paused_until <= ?)"));
        List<Object> args = new ArrayList<>(List.of(java.sql.Timestamp.from(now)));
        tags(definition.tags(), where, args);
        for (SegmentCondition condition : definition.conditions()) {
            condition(condition, dialect, now, where, args);
        }
        where.add("NOT EXISTS (SELECT 1 FROM suppression s WHERE s.kind = 'ADDRESS' AND s.entry = c.email)");
        where.add(
                "NOT EXISTS (SELECT 1 FROM suppression s WHERE s.kind = 'DOMAIN' AND s.entry = SUBSTRING(c.email FROM POSITION('@' IN c.email) + 1))");
        where.add("NOT EXISTS (SELECT 1 FROM suppression s WHERE s.kind = 'ADDRESS_HASH' AND s.entry = "
                + dialect.sha256Hex("c.email") + ")");
        return new SegmentSql(String.join(" AND ", where), List.copyOf(args));
    }

    /**
     * The arguments with {@code before} in front, for statements that bind their own
     * values first.
     */
    public Object[] argsAfter(Object... before) {
        List<Object> all = new ArrayList<>(List.of(before));
        all.addAll(args);
        return all.toArray();
    }

    /** The campaign an engagement condition is about, or null. */
    static Long campaignOf(SegmentCondition condition) {
        if (condition instanceof SegmentCondition.Opened c) {
            return c.campaignId();
        }
        if (condition instanceof SegmentCondition.Clicked c) {
            return c.campaignId();
        }
        if (condition instanceof SegmentCondition.DidNotOpen c) {
            return c.campaignId();
        }
        if (condition instanceof SegmentCondition.DidNotClick c) {
            return c.campaignId();
        }
        return null;
    }

    private static void tags(AudienceFilter tags, List<String> where, List<Object> args) {
        if (!tags.anyOf().isEmpty()) {
            where.add("EXISTS (" + TAGGED + "t.name IN (" + placeholders(tags.anyOf()) + ")" + NOT_OPTED_OUT + ")");
            args.addAll(tags.anyOf());
        }
        for (String tag : tags.allOf()) {
            where.add("EXISTS (" + TAGGED + "t.name = ?" + NOT_OPTED_OUT + ")");
            args.add(tag);
        }
        if (!tags.excluded().isEmpty()) {
            where.add("NOT EXISTS (" + TAGGED + "t.name IN (" + placeholders(tags.excluded()) + "))");
            args.addAll(tags.excluded());
        }
    }

    private static void condition(SegmentCondition condition, SqlDialect dialect, Instant now, List<String> where,
            List<Object> args) {
        if (condition instanceof SegmentCondition.AttributeEquals c) {
            String pair = like(json(c.key()) + ":" + json(c.value()));
            where.add("(c.attributes LIKE ? ESCAPE '\\' OR c.attributes LIKE ? ESCAPE '\\')");
            args.add("%" + pair + ",%");
            args.add("%" + pair + "}%");
        }
        else if (condition instanceof SegmentCondition.AttributeExists c) {
            where.add("c.attributes LIKE ? ESCAPE '\\'");
            args.add("%" + like(json(c.key()) + ":") + "%");
        }
        else if (condition instanceof SegmentCondition.AttributeContains c) {
            String inner = json(c.value());
            // the key's value: any escaped or unquoted characters, then the text
            // (case-insensitive)
            String pattern = literal(json(c.key()) + ":\"") + "(?:[^\"\\\\]|\\\\.)*"
                    + literal(inner.substring(1, inner.length() - 1));
            where.add(dialect == SqlDialect.POSTGRESQL ? "c.attributes ~* ?" : "REGEXP_LIKE(c.attributes, ?, 'i')");
            args.add(pattern);
        }
        else if (condition instanceof SegmentCondition.EmailDomain c) {
            where.add("c.email LIKE ? ESCAPE '\\'");
            args.add("%@" + like(c.domain()));
        }
        else if (condition instanceof SegmentCondition.CreatedSince c) {
            where.add("c.created_at >= ?");
            args.add(c.since().atOffset(ZoneOffset.UTC));
        }
        else if (condition instanceof SegmentCondition.Opened c) {
            where.add("EXISTS (" + RECEIVED + "AND r." + (c.humanOnly() ? "human_open_at" : "first_open_at")
                    + " IS NOT NULL)");
            args.add(c.campaignId());
        }
        else if (condition instanceof SegmentCondition.Clicked c) {
            where.add("EXISTS (" + RECEIVED + "AND r." + (c.humanOnly() ? "human_click_at" : "first_click_at")
                    + " IS NOT NULL)");
            args.add(c.campaignId());
        }
        else if (condition instanceof SegmentCondition.DidNotOpen c) {
            notTouched(c.campaignId(), c.humanOnly() ? "human_open_at" : "first_open_at", where, args);
        }
        else if (condition instanceof SegmentCondition.DidNotClick c) {
            notTouched(c.campaignId(), c.humanOnly() ? "human_click_at" : "first_click_at", where, args);
        }
        else if (condition instanceof SegmentCondition.InactiveForDays c) {
            var cutoff = now.minus(c.days(), ChronoUnit.DAYS).atOffset(ZoneOffset.UTC);
            where.add("c.created_at < ? AND NOT EXISTS (SELECT 1 FROM campaign_recipient r WHERE r.contact_id = c.id "
                    + "AND (r.human_open_at >= ? OR r.human_click_at >= ?))");
            args.addAll(List.of(cutoff, cutoff, cutoff));
        }
        else if (condition instanceof SegmentCondition.EngagementAtLeast c && c.score() > 0) {
            // StatsService's score, round(100 * (opens + 2 clicks) / (3 received)) >= n,
            // in integers:
            // 200 * (opens + 2 clicks) >= (2n - 1) * 3 received, and at least one
            // campaign received
            where.add("EXISTS (SELECT 1 FROM campaign_recipient r WHERE r.contact_id = c.id AND r.status = 'SENT' "
                    + "HAVING COUNT(*) > 0 AND 200 * (COUNT(r.human_open_at) + 2 * COUNT(r.human_click_at)) >= ? * 3 * COUNT(*))");
            args.add(2 * c.score() - 1);
        }
    }

    /**
     * Was sent the campaign, and no recipient row of it for this contact has the touch.
     */
    private static void notTouched(long campaignId, String column, List<String> where, List<Object> args) {
        where.add("EXISTS (" + RECEIVED + "AND r.status = 'SENT') AND NOT EXISTS (" + RECEIVED + "AND r." + column
                + " IS NOT NULL)");
        args.add(campaignId);
        args.add(campaignId);
    }

    private static String placeholders(Collection<?> values) {
        return String.join(", ", Collections.nCopies(values.size(), "?"));
    }

    private static String json(String text) {
        try {
            return JSON.writeValueAsString(text);
        }
        catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String like(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    /**
     * Text matched literally by both Java's and PostgreSQL's regular expressions: ASCII
     * punctuation escaped.
     */
    private static String literal(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().forEach(cp -> {
            if (cp < 128 && !Character.isLetterOrDigit(cp)) {
                out.append('\\');
            }
            out.appendCodePoint(cp);
        });
        return out.toString();
    }
}
