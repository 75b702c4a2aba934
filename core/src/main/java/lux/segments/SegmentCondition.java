package lux.segments;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Instant;

/**
 * One condition a segment's contacts must meet (all of a segment's conditions must hold).
 * Written as JSON with a {@code type} field, e.g.
 * {@code {"type":"attributeEquals","key":"plan","value":"gold"}}. "Human" engagement
 * ignores opens and clicks LUX classified as machines (mail scanners, privacy proxies).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({ @JsonSubTypes.Type(value = SegmentCondition.AttributeEquals.class, name = "attributeEquals"),
        @JsonSubTypes.Type(value = SegmentCondition.AttributeContains.class, name = "attributeContains"),
        @JsonSubTypes.Type(value = SegmentCondition.AttributeExists.class, name = "attributeExists"),
        @JsonSubTypes.Type(value = SegmentCondition.EmailDomain.class, name = "emailDomain"),
        @JsonSubTypes.Type(value = SegmentCondition.CreatedSince.class, name = "createdSince"),
        @JsonSubTypes.Type(value = SegmentCondition.Opened.class, name = "opened"),
        @JsonSubTypes.Type(value = SegmentCondition.Clicked.class, name = "clicked"),
        @JsonSubTypes.Type(value = SegmentCondition.DidNotOpen.class, name = "didNotOpen"),
        @JsonSubTypes.Type(value = SegmentCondition.DidNotClick.class, name = "didNotClick"),
        @JsonSubTypes.Type(value = SegmentCondition.InactiveForDays.class, name = "inactiveForDays"),
        @JsonSubTypes.Type(value = SegmentCondition.EngagementAtLeast.class, name = "engagementAtLeast") })
public sealed interface SegmentCondition {

    /** A human phrase, for cards, the console and the audit log. */
    String describe();

    /** The attribute {@code key} has exactly {@code value}. */
    record AttributeEquals(String key, String value) implements SegmentCondition {
        public String describe() {
            return key + " is \"" + value + "\"";
        }
    }

    /** The attribute {@code key} contains {@code value}, ignoring case. */
    record AttributeContains(String key, String value) implements SegmentCondition {
        public String describe() {
            return key + " contains \"" + value + "\"";
        }
    }

    /** The contact has the attribute {@code key} at all. */
    record AttributeExists(String key) implements SegmentCondition {
        public String describe() {
            return "has " + key;
        }
    }

    /** The address is at {@code domain} (exactly, not its subdomains). */
    record EmailDomain(String domain) implements SegmentCondition {
        public String describe() {
            return "address at " + domain;
        }
    }

    /** Added to LUX at or after {@code since}. */
    record CreatedSince(Instant since) implements SegmentCondition {
        public String describe() {
            return "added since " + since;
        }
    }

    /**
     * Opened campaign {@code campaignId} (only opens by people when {@code humanOnly}).
     */
    record Opened(long campaignId, boolean humanOnly) implements SegmentCondition {
        public String describe() {
            return "opened campaign " + campaignId + (humanOnly ? "" : " (machine opens count)");
        }
    }

    /** Clicked a link in campaign {@code campaignId}. */
    record Clicked(long campaignId, boolean humanOnly) implements SegmentCondition {
        public String describe() {
            return "clicked in campaign " + campaignId + (humanOnly ? "" : " (machine clicks count)");
        }
    }

    /** Was sent campaign {@code campaignId} and did not open it. */
    record DidNotOpen(long campaignId, boolean humanOnly) implements SegmentCondition {
        public String describe() {
            return "received campaign " + campaignId + " and did not open it"
                    + (humanOnly ? "" : " (machine opens count)");
        }
    }

    /** Was sent campaign {@code campaignId} and clicked nothing in it. */
    record DidNotClick(long campaignId, boolean humanOnly) implements SegmentCondition {
        public String describe() {
            return "received campaign " + campaignId + " and clicked nothing"
                    + (humanOnly ? "" : " (machine clicks count)");
        }
    }

    /**
     * In LUX for at least {@code days} days without a human open or click in that time.
     */
    record InactiveForDays(int days) implements SegmentCondition {
        public String describe() {
            return "inactive for " + days + " days";
        }
    }

    /**
     * Engagement score (0-100, human opens and clicks over campaigns received) of at
     * least {@code score}.
     */
    record EngagementAtLeast(int score) implements SegmentCondition {
        public String describe() {
            return "engagement score at least " + score;
        }
    }

}
