package lux.preflight;

import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.Cache;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Looks up a sender domain's SPF, DKIM and DMARC records with dnsjava against
 * {@code lux.preflight.dns.resolver} (or the system's resolvers), each domain's answers
 * kept for {@code cache-for}. A lookup that times out or fails says so rather than
 * reporting the records missing.
 */
class DomainLookup {

    /**
     * Made on the first lookup: the system's resolvers ({@code ExtendedResolver}) are
     * read from the host's configuration, work no start needs. A configured address is
     * still checked at start ({@link #DomainLookup}).
     */
    private volatile Resolver resolver;

    private final PreflightProperties.Dns dns;

    private final List<String> selectors;

    private final java.time.Duration cacheFor;

    private final Clock clock;

    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    private static final java.time.Duration FAILURE_CACHE = java.time.Duration.ofMinutes(1);

    private record Cached(DomainRecords records, Instant until) {
    }

    /**
     * A lookup that could not be answered (timeout, server failure): nothing is known
     * about the name.
     */
    private static final class Unanswered extends Exception {

        Unanswered(String why) {
            super(why, null, false, false);
        }

    }

    DomainLookup(PreflightProperties.Dns dns, Clock clock) throws UnknownHostException {
        this.dns = dns;
        if (dns.resolver() != null && !dns.resolver().isBlank()) {
            resolver();
        }
        this.selectors = List.copyOf(dns.dkimSelectors());
        this.cacheFor = dns.cacheFor();
        this.clock = clock;
    }

    DomainRecords lookup(String domain) {
        String key = domain.toLowerCase(Locale.ROOT);
        Instant now = clock.instant();
        Cached cached = cache.get(key);
        if (cached != null && cached.until().isAfter(now)) {
            return cached.records();
        }
        DomainRecords records = fresh(key);
        // a failure is asked again soon (a page showing it should not wait for a dead
        // resolver on every view)
        java.time.Duration keep = records.failure() == null ? cacheFor : min(cacheFor, FAILURE_CACHE);
        cache.put(key, new Cached(records, now.plus(keep)));
        return records;
    }

    private DomainRecords fresh(String domain) {
        try {
            String spf = first(txt(domain), "v=spf1");
            String dmarc = first(txt("_dmarc." + domain), "v=dmarc1");
            List<String> dkim = new ArrayList<>();
            for (String selector : selectors) {
                String name = selector + "._domainkey." + domain;
                if (txt(name).stream().anyMatch(t -> t.toLowerCase(Locale.ROOT).contains("p="))
                        || !records(name, Type.CNAME).isEmpty()) {
                    dkim.add(selector);
                }
            }
            return new DomainRecords(domain, spf, dmarc, dkim, null);
        }
        catch (Unanswered e) {
            return DomainRecords.failed(domain, e.getMessage());
        }
        catch (TextParseException e) {
            return DomainRecords.failed(domain, "\"" + domain + "\" is not a domain name");
        }
    }

    private List<String> txt(String name) throws Unanswered, TextParseException {
        List<String> texts = new ArrayList<>();
        for (Record r : records(name, Type.TXT)) {
            if (r instanceof TXTRecord t) {
                texts.add(String.join("", t.getStrings()));
            }
        }
        return texts;
    }

    private List<Record> records(String name, int type) throws Unanswered, TextParseException {
        Lookup lookup = new Lookup(Name.fromString(name, Name.root), type);
        try {
            lookup.setResolver(resolver());
        }
        catch (UnknownHostException e) {
            throw new Unanswered("the DNS resolver " + dns.resolver() + " is unknown (" + e.getMessage() + ")");
        }
        lookup.setCache(new Cache()); // answers are kept per domain above, for cache-for,
                                      // not by dnsjava's shared cache
        Record[] answers = lookup.run();
        switch (lookup.getResult()) {
            case Lookup.SUCCESSFUL:
                List<Record> matching = new ArrayList<>();
                for (Record r : answers) {
                    if (r.getType() == type || type == Type.TXT && r instanceof TXTRecord
                            || type == Type.CNAME && r instanceof CNAMERecord) {
                        matching.add(r);
                    }
                }
                return matching;
            case Lookup.HOST_NOT_FOUND:
            case Lookup.TYPE_NOT_FOUND:
                return List.of();
            default:
                throw new Unanswered("the DNS lookup of " + name + " failed (" + lookup.getErrorString() + ")");
        }
    }

    private static java.time.Duration min(java.time.Duration a, java.time.Duration b) {
        return a.compareTo(b) < 0 ? a : b;
    }

    private static String first(List<String> texts, String prefix) {
        return texts.stream()
            .filter(t -> t.strip().toLowerCase(Locale.ROOT).startsWith(prefix))
            .findFirst()
            .orElse(null);
    }

    private Resolver resolver() throws UnknownHostException {
        Resolver made = resolver;
        if (made == null) {
            synchronized (this) {
                made = resolver;
                if (made == null) {
                    made = resolver(dns.resolver());
                    made.setTimeout(dns.timeout());
                    resolver = made;
                }
            }
        }
        return made;
    }

    private static Resolver resolver(String address) throws UnknownHostException {
        if (address == null || address.isBlank()) {
            return new ExtendedResolver();
        }
        try {
            return hostAndPort(address.strip());
        }
        catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "lux.preflight.dns.resolver must be a host or host:port, not \"" + address + "\"");
        }
    }

    private static Resolver hostAndPort(String host) throws UnknownHostException {
        int port = 53;
        int colon = host.lastIndexOf(':');
        if (colon > 0 && host.indexOf(':') == colon) { // host:port (an IPv6 address
                                                       // without brackets has several
                                                       // colons)
            port = Integer.parseInt(host.substring(colon + 1));
            host = host.substring(0, colon);
        }
        else if (host.startsWith("[") && host.contains("]:")) {
            port = Integer.parseInt(host.substring(host.indexOf("]:") + 2));
            host = host.substring(1, host.indexOf("]:"));
        }
        return new SimpleResolver(new InetSocketAddress(host.replace("[", "").replace("]", ""), port));
    }

}
