package lux.templates;

import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.lib.Importable;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The part of Jinja a LUX template may use: loops, conditions, {@code set}, macros and
 * {@code raw} on data, and a short list of filters for text, numbers and dates.
 * Everything else Jinjava offers (loading other templates, {@code do}, functions other
 * than {@code range}, filters that reach into objects) is disabled.
 */
final class TemplateSyntax {

    static final List<String> FILTERS = List.of("abs", "capitalize", "count", "d", "date", "datetimeformat", "default",
            "dictsort", "e", "escape", "first", "float", "format_date", "format_datetime", "format_number", "int",
            "join", "last", "length", "lower", "replace", "round", "string", "title", "tojson", "trim", "truncate",
            "upper", "urlencode");
    static final List<String> TAGS = List.of("for", "endfor", "if", "elif", "else", "endif", "unless", "endunless",
            "set", "endset", "macro", "endmacro", "call", "endcall", "raw", "endraw", "break", "continue");
    static final List<String> FUNCTIONS = List.of("range");

    private TemplateSyntax() {
    }

    /**
     * Every built-in filter not allowed above: each is replaced by a
     * {@link RefusedFilter}.
     */
    static Set<String> refusedFilters() {
        Set<String> filters = new HashSet<>(names(new Context().getAllFilters()));
        filters.removeAll(FILTERS);
        return filters;
    }

    /**
     * Every built-in tag and function not allowed above, for Jinjava's
     * {@code withDisabled}.
     */
    static Map<Context.Library, Set<String>> disabled() {
        Context builtIns = new Context();
        Set<String> tags = new HashSet<>(names(builtIns.getAllTags()));
        tags.removeAll(TAGS);
        Set<String> functions = new HashSet<>();
        builtIns.getAllFunctions().forEach(f -> {
            if (!FUNCTIONS.contains(f.getLocalName())) {
                functions.add(f.getName());
                functions.add(f.getLocalName());
            }
        });
        return Map.of(Context.Library.TAG, Set.copyOf(tags), Context.Library.FUNCTION, Set.copyOf(functions));
    }

    /** What a template author reads when they use something disabled. */
    static String notAllowed(TemplateError.ErrorItem item, String name) {
        String what = name == null ? "this" : "\"" + name + "\"";
        return switch (item) {
            case FILTER -> "the filter " + what + " is not available in LUX templates; use one of "
                    + String.join(", ", FILTERS) + ".";
            case TAG ->
                "the tag " + what + " is not available in LUX templates; use one of " + String.join(", ", TAGS) + ".";
            default -> what + " is not available in LUX templates (of the functions only range() is).";
        };
    }

    private static List<String> names(java.util.Collection<? extends Importable> items) {
        return items.stream().map(Importable::getName).toList();
    }

}
