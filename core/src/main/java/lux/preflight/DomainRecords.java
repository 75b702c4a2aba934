package lux.preflight;

import java.util.List;

/**
 * What the sender domain publishes: its SPF and DMARC TXT records and the DKIM selectors
 * found (as a TXT key or a CNAME to one, as Microsoft 365 publishes them), or why the
 * lookup failed (then nothing is known).
 */
record DomainRecords(String domain, String spf, String dmarc, List<String> dkimSelectors, String failure) {
    static DomainRecords failed(String domain, String why) {
        return new DomainRecords(domain, null, null, List.of(), why);
    }
}
