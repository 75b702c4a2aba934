package lux.preflight;

import java.util.List;

/**
 * What the pre-flight check found for one campaign: blocking problems stop Confirm (and
 * scheduling), warnings are shown beside it. {@code recipients} is the audience it was
 * checked for.
 */
public record PreflightReport(long recipients, List<Problem> problems) {

    public PreflightReport {
        problems = List.copyOf(problems);
    }

    /** Which check found it. */
    public enum Check {

        UNSUBSCRIBE, POSTAL_ADDRESS, VARIABLES, LINKS, IMAGES, SUBJECT, SPAM_PHRASES, SPF, DKIM, DMARC, BULK_SENDER

    }

    public enum Severity {

        BLOCKING, WARNING

    }

    /** One finding, written for the marketer: what is wrong and what to do. */
    public record Problem(Check check, Severity severity, String message) {
        static Problem blocking(Check check, String message) {
            return new Problem(check, Severity.BLOCKING, message);
        }

        static Problem warning(Check check, String message) {
            return new Problem(check, Severity.WARNING, message);
        }
    }

    public List<Problem> blocking() {
        return problems.stream().filter(p -> p.severity() == Severity.BLOCKING).toList();
    }

    public List<Problem> warnings() {
        return problems.stream().filter(p -> p.severity() == Severity.WARNING).toList();
    }

    /** True when Confirm must not be offered. */
    public boolean blocked() {
        return problems.stream().anyMatch(p -> p.severity() == Severity.BLOCKING);
    }
}
