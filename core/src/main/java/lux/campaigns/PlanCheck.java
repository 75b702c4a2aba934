package lux.campaigns;

import lux.shared.ConflictException;
import lux.shared.InvalidInputException;
import lux.shared.LuxException;

/**
 * One finding of a schedule plan: a blocking problem (the send is refused until it is
 * fixed) or a warning (it may go ahead, but people should know). Other checks
 * (pre-flight) add their findings to the same list; {@code code} names what exactly they
 * checked (a pre-flight check such as {@code POSTAL_ADDRESS}), null for the plan's own.
 */
public record PlanCheck(Severity severity, Topic topic, String message, String code) {

    public PlanCheck(Severity severity, Topic topic, String message) {
        this(severity, topic, message, null);
    }

    public enum Severity {

        BLOCKING, WARNING

    }

    /**
     * What a check is about; {@code field} is what a refusal names for the caller to fix.
     */
    public enum Topic {

        STATUS("status"), TIME("scheduledAt"), AUDIENCE("audience"), APPROVAL("approval"), PREFLIGHT("preflight");

        private final String field;

        Topic(String field) {
            this.field = field;
        }

        public String field() {
            return field;
        }

    }

    public static PlanCheck blocking(Topic topic, String message) {
        return new PlanCheck(Severity.BLOCKING, topic, message);
    }

    public static PlanCheck warning(Topic topic, String message) {
        return new PlanCheck(Severity.WARNING, topic, message);
    }

    public boolean blocks() {
        return severity == Severity.BLOCKING;
    }

    /**
     * The error a blocking check refuses with: a conflict for the campaign's state,
     * invalid input otherwise.
     */
    LuxException refusal() {
        return topic == Topic.STATUS ? new ConflictException(message)
                : new InvalidInputException(topic.field(), message);
    }
}
