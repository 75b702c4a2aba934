package lux.segments;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import lux.contacts.ContactService;
import lux.shared.InvalidInputException;

/**
 * Checks and normalises a definition before it is saved, counted or sent: attribute keys
 * must be attribute names (refused, not rewritten, so a hostile key never quietly turns
 * into another one), values and domains bounded.
 */
final class SegmentRules {

    static final int MAX_CONDITIONS = 20;

    private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    private static final Pattern DOMAIN = Pattern
        .compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+");

    private SegmentRules() {
    }

    static SegmentDefinition normalised(SegmentDefinition definition) {
        if (definition == null) {
            throw new InvalidInputException("definition", "Say who the segment reaches: tags and/or conditions.");
        }
        if (definition.conditions().size() > MAX_CONDITIONS) {
            throw new InvalidInputException("conditions", "A segment takes up to " + MAX_CONDITIONS + " conditions.");
        }
        List<SegmentCondition> checked = new ArrayList<>();
        for (int i = 0; i < definition.conditions().size(); i++) {
            checked.add(checked(definition.conditions().get(i), "conditions[" + i + "]"));
        }
        return new SegmentDefinition(definition.tags(), checked);
    }

    private static SegmentCondition checked(SegmentCondition condition, String field) {
        if (condition == null) {
            throw new InvalidInputException(field, "This condition is empty.");
        }
        if (condition instanceof SegmentCondition.AttributeEquals c) {
            return new SegmentCondition.AttributeEquals(key(c.key(), field), value(c.value(), field, true));
        }
        if (condition instanceof SegmentCondition.AttributeContains c) {
            return new SegmentCondition.AttributeContains(key(c.key(), field), value(c.value(), field, false));
        }
        if (condition instanceof SegmentCondition.AttributeExists c) {
            return new SegmentCondition.AttributeExists(key(c.key(), field));
        }
        if (condition instanceof SegmentCondition.EmailDomain c) {
            return new SegmentCondition.EmailDomain(domain(c.domain(), field));
        }
        if (condition instanceof SegmentCondition.CreatedSince c && c.since() == null) {
            throw new InvalidInputException(field + ".since", "Give the date contacts must have been added since.");
        }
        if (condition instanceof SegmentCondition.InactiveForDays c && (c.days() < 1 || c.days() > 3650)) {
            throw new InvalidInputException(field + ".days", "Inactive for " + c.days() + " days? Use 1 to 3650 days.");
        }
        if (condition instanceof SegmentCondition.EngagementAtLeast c && (c.score() < 0 || c.score() > 100)) {
            throw new InvalidInputException(field + ".score",
                    "An engagement score is 0 to 100, not " + c.score() + ".");
        }
        Long campaignId = SegmentSql.campaignOf(condition);
        if (campaignId != null && campaignId <= 0) {
            throw new InvalidInputException(field + ".campaignId", "Name the campaign by its id.");
        }
        return condition;
    }

    /**
     * Attribute names as {@link ContactService#attributeName} makes them; anything else
     * is refused.
     */
    static String key(String raw, String field) {
        String key = raw == null ? "" : raw.strip().toLowerCase(Locale.ROOT);
        if (!KEY.matcher(key).matches()) {
            throw new InvalidInputException(field + ".key", "\"" + raw
                    + "\" is not an attribute name: use a letter, then letters, " + "digits and _ (up to 64).");
        }
        return key;
    }

    private static String value(String raw, String field, boolean emptyAllowed) {
        String value = raw == null ? "" : raw.strip();
        if (value.isEmpty() && !emptyAllowed) {
            throw new InvalidInputException(field + ".value", "Give the text the attribute must contain.");
        }
        if (value.length() > ContactService.MAX_ATTRIBUTE_VALUE) {
            throw new InvalidInputException(field + ".value",
                    "The value is longer than " + ContactService.MAX_ATTRIBUTE_VALUE + " characters.");
        }
        return value;
    }

    private static String domain(String raw, String field) {
        String domain = raw == null ? "" : raw.strip().toLowerCase(Locale.ROOT);
        if (domain.startsWith("@")) {
            domain = domain.substring(1);
        }
        if (domain.length() > 253 || !DOMAIN.matcher(domain).matches()) {
            throw new InvalidInputException(field + ".domain", "\"" + raw + "\" is not a domain like example.com.");
        }
        return domain;
    }

}
