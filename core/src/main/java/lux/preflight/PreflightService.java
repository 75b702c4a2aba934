package lux.preflight;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import lux.campaigns.CampaignView;
import lux.campaigns.Senders;
import lux.config.CoreProperties;
import lux.contacts.AudienceFilter;
import lux.contacts.ContactService;
import lux.preflight.PreflightReport.Check;
import lux.preflight.PreflightReport.Problem;
import lux.templates.RenderedMessage;
import lux.templates.TemplateContent;
import lux.templates.TemplateModel;
import lux.templates.TemplateRenderException;
import lux.templates.TemplateService;
import lux.shared.DefaultTls;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Service;

/**
 * The pre-flight check of a campaign before it is confirmed, the same for chat, console
 * and API: content (unsubscribe link, postal address, alt text, subject, spam phrases),
 * template fields against the whole audience, links (optional) and the sender domain's
 * SPF, DKIM and DMARC with the bulk-sender rules. Reads only; changes nothing.
 */
@Service
@EnableConfigurationProperties(PreflightProperties.class)
public class PreflightService {

    private final TemplateService templates;

    private final ContactService contacts;

    private final Senders senders;

    private final VariableCoverage variables;

    private final ContentChecks content;

    private final PreflightProperties properties;

    private final SenderDomainCheck domains;

    private final LinkChecker links;

    private final String ownLinks;

    private final ExecutorService linkThreads = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "lux-preflight-links");
        t.setDaemon(true);
        return t;
    });

    PreflightService(TemplateService templates, ContactService contacts, Senders senders, VariableCoverage variables,
            ContentChecks content, PreflightProperties properties, CoreProperties core, Clock clock)
            throws UnknownHostException {
        this.templates = templates;
        this.contacts = contacts;
        this.senders = senders;
        this.variables = variables;
        this.content = content;
        this.properties = properties;
        this.domains = new SenderDomainCheck(new DomainLookup(properties.dns(), clock),
                properties.bulkSenderThreshold(), properties.dns().dkimSelectors());
        this.links = new LinkChecker(properties.links().timeout(), properties.links().allowPrivateAddresses(),
                InetAddress::getAllByName, DefaultTls::socketFactory);
        this.ownLinks = core.publicBaseUrl().toString().replaceAll("/+$", "") + "/";
    }

    /**
     * The campaign's template (as it stands: a draft is not yet pinned), audience and
     * sender, checked.
     */
    public PreflightReport check(CampaignView campaign) {
        return check(templates.content(campaign.templateId()), campaign.audience(), campaign.sender());
    }

    /** {@code sender} null means the default sender pool. */
    public PreflightReport check(TemplateContent template, AudienceFilter audience, String sender) {
        long recipients = contacts.countAudience(audience);
        List<Problem> problems = new ArrayList<>();
        RenderedMessage sample;
        try {
            Map<String, Object> model = TemplateModel.forContact(TemplateModel.sampleContact());
            model.put("unsubscribe_url", ContentChecks.UNSUBSCRIBE_MARKER);
            sampleAttributes(template, model); // the sample contact has none; coverage
                                               // over the audience is checked below
            sample = templates.render(template, model);
        }
        catch (TemplateRenderException e) {
            return new PreflightReport(recipients,
                    List.of(Problem.blocking(Check.VARIABLES, "The template does not render: " + e.getMessage())));
        }
        problems.addAll(content.check(sample));
        problems.addAll(variables.check(template, audience));
        if (properties.links().enabled()) {
            problems.addAll(brokenLinks(sample));
        }
        if (properties.dns().enabled()) {
            for (String domain : senderDomains(sender)) {
                problems.addAll(domains.check(domain, recipients));
            }
        }
        return new PreflightReport(recipients, problems);
    }

    @SuppressWarnings("unchecked")
    private static void sampleAttributes(TemplateContent template, Map<String, Object> model) {
        Map<String, Object> contact = (Map<String, Object>) model.get("contact");
        Map<String, Object> attributes = (Map<String, Object>) contact.get("attributes");
        for (String field : TemplateVariables.unguarded(template)) {
            contact.putIfAbsent(field, "[" + field + "]");
            attributes.putIfAbsent(field, "[" + field + "]");
        }
    }

    private List<Problem> brokenLinks(RenderedMessage sample) {
        Set<String> urls = new LinkedHashSet<>();
        for (Element a : Jsoup.parse(sample.html()).select("a[href]")) {
            String href = a.attr("href").strip();
            String lower = href.toLowerCase(Locale.ROOT);
            if ((lower.startsWith("http://") || lower.startsWith("https://"))
                    && !href.equals(ContentChecks.UNSUBSCRIBE_MARKER) && !href.startsWith(ownLinks)
                    && urls.size() < properties.links().maxLinks()) {
                urls.add(href);
            }
        }
        List<CompletableFuture<LinkChecker.Result>> checks = urls.stream()
            .map(url -> CompletableFuture.supplyAsync(() -> links.check(url), linkThreads))
            .toList();
        List<Problem> problems = new ArrayList<>();
        for (CompletableFuture<LinkChecker.Result> check : checks) {
            LinkChecker.Result result = check.join();
            if (result.problem() != null) {
                problems.add(
                        Problem.warning(Check.LINKS, "The link " + shown(result.url()) + " " + result.problem() + "."));
            }
        }
        return problems;
    }

    private List<String> senderDomains(String sender) {
        Set<String> found = new LinkedHashSet<>();
        for (String mailbox : senders.of(sender)) {
            int at = mailbox.lastIndexOf('@');
            if (at > 0 && at < mailbox.length() - 1) {
                found.add(mailbox.substring(at + 1).toLowerCase(Locale.ROOT));
            }
        }
        return List.copyOf(found);
    }

    /** The link as people recognise it: scheme, host and path, without a long query. */
    private static String shown(String url) {
        try {
            URI uri = URI.create(url);
            String path = uri.getRawPath() == null ? "" : uri.getRawPath();
            return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort())
                    + (path.length() > 60 ? path.substring(0, 60) + "…" : path);
        }
        catch (IllegalArgumentException e) {
            return url.length() > 80 ? url.substring(0, 80) + "…" : url;
        }
    }

    @jakarta.annotation.PreDestroy
    void shutdown() {
        linkThreads.shutdownNow();
    }

}
