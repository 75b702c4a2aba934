package lux.preflight;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lux.templates.TemplateContent;

/**
 * The contact fields a template prints without a fallback: {@code {{ contact.first_name
 * }}} counts, {@code {{ contact.first_name | default("there") }}} and fields the template
 * tests with {@code {% if %}} do not.
 */
final class TemplateVariables {

    private static final Pattern OUTPUT = Pattern.compile("\\{\\{(.*?)}}", Pattern.DOTALL);

    private static final Pattern TAG = Pattern.compile("\\{%(.*?)%}", Pattern.DOTALL);

    private static final Pattern FIELD = Pattern.compile(
            "\\bcontact\\s*(?:\\.\\s*attributes\\s*)?(?:\\.\\s*([A-Za-z_][A-Za-z0-9_]*)|\\[\\s*['\"]([^'\"]+)['\"]\\s*])");

    private static final Pattern FALLBACK = Pattern.compile("\\|\\s*(default|d)\\b|\\bor\\b|\\bif\\b");

    private TemplateVariables() {
    }

    /**
     * Fields printed bare somewhere in the subject, HTML or text body, in order of first
     * use.
     */
    static List<String> unguarded(TemplateContent content) {
        String all = String.join("\n", nonNull(content.subject()), nonNull(content.htmlBody()),
                nonNull(content.textBody()));
        Set<String> guarded = new LinkedHashSet<>();
        Matcher tags = TAG.matcher(all);
        while (tags.find()) {
            if (tags.group(1).strip().startsWith("if") || tags.group(1).strip().startsWith("elif")) {
                guarded.addAll(fields(tags.group(1)));
            }
        }
        Set<String> bare = new LinkedHashSet<>();
        Matcher outputs = OUTPUT.matcher(all);
        while (outputs.find()) {
            if (!FALLBACK.matcher(outputs.group(1)).find()) {
                bare.addAll(fields(outputs.group(1)));
            }
        }
        bare.removeAll(guarded);
        bare.remove("attributes");
        return List.copyOf(bare);
    }

    private static Set<String> fields(String expression) {
        Set<String> found = new LinkedHashSet<>();
        Matcher m = FIELD.matcher(expression);
        while (m.find()) {
            found.add(m.group(1) != null ? m.group(1) : m.group(2));
        }
        return found;
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }

}
