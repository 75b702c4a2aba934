package lux.templates;

import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * Derives a readable plain-text part from HTML: paragraphs and line breaks kept, links as
 * "text (url)".
 */
public final class HtmlToText {

    // compiled once: this runs for every message of a campaign whose template has no text
    // part
    private static final Pattern SPACE_BEFORE_NEWLINE = Pattern.compile("[ \\t]+\\n");

    private static final Pattern BLANK_LINES = Pattern.compile("\\n{3,}");

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private static final Pattern MAILTO = Pattern.compile("^mailto:");

    private HtmlToText() {
    }

    static String convert(String html) {
        return convert(Jsoup.parse(html));
    }

    /**
     * The text of an already parsed document, which is left as it is (so a sender that
     * parses the HTML anyway, to add tracking, needs no second parse).
     */
    public static String convert(Document doc) {
        StringBuilder out = new StringBuilder();
        walk(doc.body() == null ? doc : doc.body(), out);
        return BLANK_LINES.matcher(SPACE_BEFORE_NEWLINE.matcher(out).replaceAll("\n")).replaceAll("\n\n").strip()
                + "\n";
    }

    private static void walk(Node node, StringBuilder out) {
        for (Node child : node.childNodes()) {
            if (child instanceof TextNode text) {
                String t = WHITESPACE.matcher(text.text()).replaceAll(" ");
                if (!t.isBlank() || (out.length() > 0 && out.charAt(out.length() - 1) != '\n'
                        && out.charAt(out.length() - 1) != ' ')) {
                    out.append(t);
                }
            }
            else if (child instanceof Element el) {
                String tag = el.normalName();
                switch (tag) {
                    case "script", "style", "head", "title" -> {
                        // not text
                    }
                    case "br" -> out.append('\n');
                    case "a" -> {
                        String href = el.attr("href");
                        String label = el.text().strip();
                        walk(el, new StringBuilder()); // nested markup is flattened into
                                                       // the label
                        out.append(label);
                        if (!href.isBlank() && !href.equals(label) && !href.startsWith("#")) {
                            out.append(" (").append(MAILTO.matcher(href).replaceFirst("")).append(')');
                        }
                    }
                    case "li" -> {
                        newline(out);
                        out.append("- ");
                        walk(el, out);
                        newline(out);
                    }
                    case "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "ul", "ol", "blockquote",
                            "section" -> {
                        newline(out);
                        walk(el, out);
                        out.append("\n\n");
                    }
                    case "img" -> {
                        String alt = el.attr("alt");
                        if (!alt.isBlank()) {
                            out.append('[').append(alt).append(']');
                        }
                    }
                    case "td", "th" -> {
                        walk(el, out);
                        out.append(' ');
                    }
                    default -> walk(el, out);
                }
            }
        }
    }

    private static void newline(StringBuilder out) {
        if (out.length() > 0 && out.charAt(out.length() - 1) != '\n') {
            out.append('\n');
        }
    }

}
