package lux.preflight;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import lux.config.CoreProperties;
import lux.preflight.PreflightReport.Check;
import lux.preflight.PreflightReport.Problem;
import lux.templates.ContentRules;
import lux.templates.RenderedMessage;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.springframework.stereotype.Component;

/**
 * Checks on the message itself, rendered for the sample contact: the unsubscribe link
 * people can see, the postal address, alt text on images, subject length and spam phrases
 * ({@link ContentRules}).
 */
@Component
class ContentChecks {

    /**
     * Where the rendering puts {@code {{ unsubscribe_url }}}, so the check can find the
     * link the template placed.
     */
    static final String UNSUBSCRIBE_MARKER = "https://unsubscribe.preflight.invalid/u";

    private static final Pattern HIDDEN = Pattern.compile(
            "display\\s*:\\s*none|visibility\\s*:\\s*hidden|font-size\\s*:\\s*0(?![.\\d]*[1-9])|opacity\\s*:\\s*0(?![.\\d]*[1-9])",
            Pattern.CASE_INSENSITIVE);

    private final String postalAddress;

    private final URI publicBaseUrl;

    private final boolean requirePostalAddress;

    ContentChecks(CoreProperties core, PreflightProperties properties) {
        this.postalAddress = core.mail().postalAddress() == null ? "" : core.mail().postalAddress().strip();
        this.publicBaseUrl = core.publicBaseUrl();
        this.requirePostalAddress = properties.requirePostalAddress();
    }

    List<Problem> check(RenderedMessage sample) {
        List<Problem> problems = new ArrayList<>();
        Document doc = Jsoup.parse(sample.html());
        unsubscribe(doc, problems);
        if (postalAddress.isEmpty()) {
            String message = "No postal address: every marketing mail must show one (CAN-SPAM, and Gmail's and Yahoo's rules). "
                    + "Set lux.mail.postal-address and LUX prints it in every footer.";
            problems.add(requirePostalAddress ? Problem.blocking(Check.POSTAL_ADDRESS, message)
                    : Problem.warning(Check.POSTAL_ADDRESS, message));
        }
        long noAlt = doc.select("img").stream().filter(img -> !img.hasAttr("alt")).count();
        if (noAlt > 0) {
            problems.add(Problem.warning(Check.IMAGES, noAlt + (noAlt == 1 ? " image has" : " images have")
                    + " no alt text: people with images off or a screen reader see nothing. Add alt=\"…\" (alt=\"\" for decoration)."));
        }
        String subject = sample.subject();
        if (subject.length() > ContentRules.SUBJECT_MAX) {
            problems.add(Problem.warning(Check.SUBJECT, "The subject has " + subject.length()
                    + " characters; phones cut it after about " + ContentRules.SUBJECT_MAX + "."));
        }
        List<String> spam = ContentRules.spamPhrases(subject + " " + doc.body().text());
        if (!spam.isEmpty()) {
            problems.add(Problem.warning(Check.SPAM_PHRASES,
                    "Phrases spam filters distrust: " + String.join(", ", spam) + "."));
        }
        return problems;
    }

    /**
     * LUX adds a visible link when the template has none; one the template places itself
     * must be visible.
     */
    private void unsubscribe(Document doc, List<Problem> problems) {
        for (Element a : doc.select("a[href]")) {
            if (a.attr("href").strip().equals(UNSUBSCRIBE_MARKER) && hidden(a)) {
                problems.add(Problem
                    .blocking(Check.UNSUBSCRIBE, "The template's unsubscribe link ({{ unsubscribe_url }}) is hidden or "
                            + "has no text, and LUX then adds no link of its own. Make it visible, or remove it and LUX adds one."));
                return;
            }
        }
        String host = publicBaseUrl.getHost() == null ? "" : publicBaseUrl.getHost().toLowerCase(Locale.ROOT);
        if (host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]")) {
            problems.add(Problem.warning(Check.UNSUBSCRIBE,
                    "lux.public-base-url is " + publicBaseUrl + ": recipients cannot open the "
                            + "unsubscribe link (or any tracked link). Set it to LUX's public address."));
        }
    }

    private static boolean hidden(Element link) {
        if (link.text().isBlank() && link.select("img[alt]").stream().allMatch(i -> i.attr("alt").isBlank())) {
            return true;
        }
        for (Element e = link; e != null; e = e.parent()) {
            if (HIDDEN.matcher(e.attr("style")).find() || e.hasAttr("hidden")) {
                return true;
            }
        }
        return false;
    }

}
