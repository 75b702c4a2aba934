package lux.teams;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.filter.Filter;

/**
 * Text shown on a card exactly as written: Adaptive Card TextBlocks and facts render a
 * Markdown subset, so a contact named {@code [click](https://evil.example)} would
 * otherwise become a link in LUX's own voice. Every Markdown (and HTML) special character
 * gets a backslash, which Markdown renders as the character itself. In the card
 * templates: {@code {{ name|plain|tojson }}}.
 */
final class PlainText implements Filter {

    /**
     * What makes links, images, emphasis, code, HTML and headings; list markers alone
     * cannot hurt. Parentheses are left alone: without brackets they make no link, and
     * LUX's own "(default)" or "(Europe/Berlin)" stay clean.
     */
    private static final String SPECIAL = "\\`*_[]<>~#";

    private static final String LINKS = "\\[]<>";

    static String escape(String text) {
        return escape(text, SPECIAL);
    }

    private static String escape(String text, String special) {
        if (text == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (special.indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    /**
     * For Markdown messages (replies), which may keep their emphasis and lists: only what
     * makes links, images and HTML ({@code \ [ ] < >}) is escaped, so
     * {@code [click](https://evil.example)} shows as written.
     */
    static String withoutLinks(String text) {
        return escape(text, LINKS);
    }

    @Override
    public String getName() {
        return "plain";
    }

    @Override
    public Object filter(Object var, JinjavaInterpreter interpreter, String... args) {
        return var == null ? null : escape(var.toString());
    }

}
