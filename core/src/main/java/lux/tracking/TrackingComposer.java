package lux.tracking;

import java.net.URI;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lux.config.CoreProperties;
import lux.shared.PublicMessages;
import lux.templates.HtmlToText;
import lux.templates.RenderedMessage;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Entities;
import org.jsoup.select.Evaluator;
import org.jsoup.select.QueryParser;
import org.springframework.stereotype.Component;

/**
 * Applies tracking to a rendered message at send time: every http(s) link becomes a
 * signed click link (the URL itself is stored per campaign), an open pixel is appended,
 * and a visible unsubscribe link plus the postal address close every mail, the link's
 * words in the recipient's language (their {@code language} attribute; English when unset
 * or not offered). mailto:, tel:, anchors and the unsubscribe link are left alone.
 */
@Component
public class TrackingComposer {

    private static final Pattern TEXT_URL = Pattern.compile("https?://[^\\s<>\"()\\[\\]]+", Pattern.CASE_INSENSITIVE);

    private static final Pattern TRAILING_PUNCTUATION = Pattern.compile("[.,;:!?']+$");

    private static final int MAX_URL = 2048;

    private static final Evaluator LINKS = QueryParser.parse("a[href]"); // parsed once,
                                                                         // not per
                                                                         // message

    private final TrackingTokens tokens;

    private final LinkRegistry links;

    private final String base;

    private final String postalAddress;

    private final PublicMessages messages;

    TrackingComposer(TrackingTokens tokens, LinkRegistry links, CoreProperties core, PublicMessages messages) {
        this.tokens = tokens;
        this.messages = messages;
        this.links = links;
        this.base = core.publicBaseUrl().toString().replaceAll("/+$", "");
        this.postalAddress = core.mail().postalAddress() == null ? "" : core.mail().postalAddress().strip();
    }

    /**
     * The unsubscribe page of one recipient; templates may place it themselves as
     * {@code {{ unsubscribe_url }}}.
     */
    public String unsubscribeUrl(long campaignId, long recipientId) {
        return base + "/u/" + tokens.sign(TokenKind.UNSUBSCRIBE, campaignId, recipientId, 0);
    }

    public ComposedMessage compose(long campaignId, long recipientId, RenderedMessage rendered) {
        return compose(campaignId, recipientId, rendered, unsubscribeUrl(campaignId, recipientId));
    }

    /**
     * As {@link #compose(long, long, RenderedMessage)} with the recipient's
     * {@link #unsubscribeUrl} already made.
     */
    public ComposedMessage compose(long campaignId, long recipientId, RenderedMessage rendered, String unsubscribe) {
        return compose(campaignId, recipientId, rendered, unsubscribe, null);
    }

    /** As above, the footer in {@code language} (en, de; anything else reads English). */
    public ComposedMessage compose(long campaignId, long recipientId, RenderedMessage rendered, String unsubscribe,
            String language) {
        Document doc = Jsoup.parse(rendered.html());
        // a text part still to be derived comes from this parse, before the links are
        // rewritten
        String text = rendered.text() != null ? rendered.text() : HtmlToText.convert(doc);
        return new ComposedMessage(rendered.subject(), html(campaignId, recipientId, doc, unsubscribe, language),
                text(campaignId, recipientId, text, unsubscribe, language), unsubscribe);
    }

    private String html(long campaignId, long recipientId, Document doc, String unsubscribe, String language) {
        doc.outputSettings().prettyPrint(false).charset("UTF-8").escapeMode(Entities.EscapeMode.base);
        boolean hasUnsubscribe = false;
        for (Element a : doc.select(LINKS)) {
            String href = a.attr("href").strip();
            if (href.equals(unsubscribe)) {
                hasUnsubscribe = true;
            }
            else if (trackable(href)) {
                a.attr("href", clickUrl(campaignId, recipientId, href));
            }
        }
        Element body = doc.body();
        Element footer = body.appendElement("div").attr("style", "margin-top:24px;font-size:12px;color:#777777;");
        if (!hasUnsubscribe) {
            footer.appendElement("a")
                .attr("href", unsubscribe)
                .text(messages.text(language, "mail.footer.unsubscribe"));
        }
        if (!postalAddress.isEmpty()) {
            footer.appendElement("div").text(postalAddress);
        }
        body.appendElement("img")
            .attr("src", base + "/t/o/" + tokens.sign(TokenKind.OPEN, campaignId, recipientId, 0))
            .attr("width", "1")
            .attr("height", "1")
            .attr("alt", "")
            .attr("style", "display:block;border:0;width:1px;height:1px;");
        return doc.outerHtml();
    }

    private String text(long campaignId, long recipientId, String text, String unsubscribe, String language) {
        Matcher m = TEXT_URL.matcher(text == null ? "" : text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String url = TRAILING_PUNCTUATION.matcher(m.group()).replaceFirst("");
            String rest = m.group().substring(url.length());
            String replacement = url.equals(unsubscribe) || !trackable(url) ? url
                    : clickUrl(campaignId, recipientId, url);
            m.appendReplacement(out, Matcher.quoteReplacement(replacement + rest));
        }
        m.appendTail(out);
        String body = out.toString().stripTrailing();
        StringBuilder footer = new StringBuilder("\n\n--\n");
        if (!body.contains(unsubscribe)) {
            footer.append(messages.text(language, "mail.footer.unsubscribeLine", unsubscribe)).append('\n');
        }
        if (!postalAddress.isEmpty()) {
            footer.append(postalAddress).append('\n');
        }
        return body + footer;
    }

    private String clickUrl(long campaignId, long recipientId, String url) {
        return base + "/t/c/" + tokens.sign(TokenKind.CLICK, campaignId, recipientId, links.idFor(campaignId, url));
    }

    private boolean trackable(String href) {
        String lower = href.toLowerCase(Locale.ROOT);
        if (!(lower.startsWith("http://") || lower.startsWith("https://")) || href.length() > MAX_URL
                || href.startsWith(base + "/u/") || href.startsWith(base + "/t/")) {
            return false;
        }
        try {
            return URI.create(href).getHost() != null;
        }
        catch (IllegalArgumentException e) {
            return false; // a template-made malformed URL stays as written rather than
                          // breaking the mail
        }
    }

}
