package lux.preflight;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import lux.preflight.PreflightReport.Check;
import lux.preflight.PreflightReport.Problem;

/**
 * The sender domain's SPF, DKIM and DMARC, and Gmail's and Yahoo's rules for bulk
 * senders: above the threshold (5,000 a day) a missing record blocks, below it a missing
 * record is a warning.
 */
class SenderDomainCheck {

    /** Names that never have real records (RFC 2606, RFC 6761): nothing to look up. */
    private static final Set<String> RESERVED = Set.of("test", "example", "invalid", "localhost", "local",
            "localdomain", "example.com", "example.net", "example.org");
    static final String BULK_RULE = "Gmail and Yahoo require from anyone sending more than 5,000 messages a day: SPF and DKIM "
            + "for the sending domain, a DMARC record (p=none at least) whose domain matches the From address (alignment), "
            + "one-click unsubscribe (RFC 8058; LUX sends the List-Unsubscribe headers) and spam complaints below 0.3%.";

    private final DomainLookup lookup;

    private final long bulkThreshold;

    private final List<String> selectors;

    SenderDomainCheck(DomainLookup lookup, long bulkThreshold, List<String> selectors) {
        this.lookup = lookup;
        this.bulkThreshold = bulkThreshold;
        this.selectors = selectors;
    }

    List<Problem> check(String domain, long recipients) {
        String d = domain.toLowerCase(Locale.ROOT);
        boolean bulk = recipients > bulkThreshold;
        if (reserved(d)) {
            return List.of(Problem.warning(Check.SPF,
                    "The sender domain " + d + " is a reserved test name: mail from it cannot pass "
                            + "SPF, DKIM or DMARC. Send from a real domain."));
        }
        DomainRecords records = lookup.lookup(d);
        if (records.failure() != null) {
            return List.of(Problem.warning(bulk ? Check.BULK_SENDER : Check.SPF,
                    "Could not check the SPF, DKIM and DMARC records of " + d + ": " + records.failure() + "."
                            + (bulk ? " " + BULK_RULE : "")));
        }
        List<String> missing = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        if (records.spf() == null) {
            missing.add("SPF");
            problems.add(record(bulk, Check.SPF,
                    d + " publishes no SPF record (a TXT record starting v=spf1; for Microsoft 365: "
                            + "v=spf1 include:spf.protection.outlook.com -all)."));
        }
        if (records.dkimSelectors().isEmpty()) {
            missing.add("DKIM");
            problems.add(record(bulk, Check.DKIM,
                    d + " publishes no DKIM key for the selectors " + String.join(", ", selectors) + " ("
                            + selectors.get(0) + "._domainkey." + d
                            + "; in Microsoft 365, turn DKIM signing on for the domain)."));
        }
        if (records.dmarc() == null) {
            missing.add("DMARC");
            problems.add(record(bulk, Check.DMARC, d + " publishes no DMARC record (a TXT record at _dmarc." + d
                    + ", for example v=DMARC1; p=none; rua=mailto:dmarc@" + d + ")."));
        }
        if (bulk) {
            problems.add(missing.isEmpty()
                    ? Problem.warning(Check.BULK_SENDER,
                            "About " + recipients + " recipients: " + BULK_RULE + " " + d
                                    + " publishes SPF, DKIM and DMARC.")
                    : Problem.blocking(Check.BULK_SENDER, "About " + recipients + " recipients, and " + d + " lacks "
                            + String.join(", ", missing) + ". " + BULK_RULE));
        }
        return problems;
    }

    private static Problem record(boolean bulk, Check check, String message) {
        return bulk ? Problem.blocking(check, message) : Problem.warning(check, message);
    }

    static boolean reserved(String domain) {
        if (RESERVED.contains(domain)) {
            return true;
        }
        int dot = domain.lastIndexOf('.');
        String tld = dot < 0 ? domain : domain.substring(dot + 1);
        return RESERVED.contains(tld) || RESERVED.stream().anyMatch(r -> r.contains(".") && domain.endsWith("." + r));
    }

}
