package lux.templates;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/** Derives a readable plain-text part from HTML: paragraphs and line breaks kept, links as "text (url)". */
final class HtmlToText {
    private HtmlToText() {
    }

    static String convert(String html) {
        Document doc = Jsoup.parse(html);
        doc.select("script, style, head, title").remove();
        StringBuilder out = new StringBuilder();
        walk(doc.body() == null ? doc : doc.body(), out);
        return out.toString().replaceAll("[ \\t]+\\n", "\n").replaceAll("\\n{3,}", "\n\n").strip() + "\n";
    }

    private static void walk(Node node, StringBuilder out) {
        for (Node child : node.childNodes()) {
            if (child instanceof TextNode text) {
                String t = text.text().replaceAll("\\s+", " ");
                if (!t.isBlank() || (out.length() > 0 && out.charAt(out.length() - 1) != '\n' && out.charAt(out.length() - 1) != ' ')) {
                    out.append(t);
                }
            } else if (child instanceof Element el) {
                String tag = el.normalName();
                switch (tag) {
                    case "br" -> out.append('\n');
                    case "a" -> {
                        String href = el.attr("href");
                        String label = el.text().strip();
                        walk(el, new StringBuilder()); // nested markup is flattened into the label
                        out.append(label);
                        if (!href.isBlank() && !href.equals(label) && !href.startsWith("#")) {
                            out.append(" (").append(href.replaceFirst("^mailto:", "")).append(')');
                        }
                    }
                    case "li" -> {
                        newline(out);
                        out.append("- ");
                        walk(el, out);
                        newline(out);
                    }
                    case "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "ul", "ol", "blockquote", "section" -> {
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
