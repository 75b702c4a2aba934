package lux.templates;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.filter.Filter;

/**
 * Stands in for a built-in filter LUX does not allow, so that using it is refused with
 * the list of those that are (Jinjava's own "disabled" filters surface as an unhelpful
 * "unknown token").
 */
final class RefusedFilter implements Filter {

    private final String name;

    RefusedFilter(String name) {
        this.name = name;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public Object filter(Object var, JinjavaInterpreter interpreter, String... args) {
        throw RenderGuard.of(interpreter)
            .refuse(TemplateSyntax.notAllowed(com.hubspot.jinjava.interpret.TemplateError.ErrorItem.FILTER, name));
    }

    @Override
    public Object filter(Object var, JinjavaInterpreter interpreter, Object[] args,
            java.util.Map<String, Object> kwargs) {
        return filter(var, interpreter);
    }

}
