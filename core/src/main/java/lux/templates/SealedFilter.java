package lux.templates;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.filter.Filter;
import java.util.Map;

/**
 * One of the allowed filters, taking and giving only template data: whatever reached it
 * by a route LUX did not foresee is refused before the filter sees it (tojson would
 * otherwise serialise any Java object it is given).
 */
final class SealedFilter implements Filter {

    private final Filter filter;

    SealedFilter(Filter filter) {
        this.filter = filter;
    }

    @Override
    public String getName() {
        return filter.getName();
    }

    @Override
    public Object filter(Object var, JinjavaInterpreter interpreter, String... args) {
        return filter(var, interpreter, (Object[]) args, Map.of());
    }

    @Override
    public Object filter(Object var, JinjavaInterpreter interpreter, Object[] args, Map<String, Object> kwargs) {
        RenderGuard guard = RenderGuard.of(interpreter);
        guard.check();
        require(guard, var, "the value given to");
        if (args != null) {
            for (Object arg : args) {
                require(guard, arg, "an argument of");
            }
        }
        if (kwargs != null) {
            for (Object arg : kwargs.values()) {
                require(guard, arg, "an argument of");
            }
        }
        Object result = filter.filter(var, interpreter, args, kwargs);
        require(guard, result, "the result of");
        return result;
    }

    @Override
    public boolean preserveSafeString() {
        return filter.preserveSafeString();
    }

    private void require(RenderGuard guard, Object value, String what) {
        if (!TemplateData.isData(value)) {
            throw guard.refuse(what + " |" + getName() + " is " + TemplateData.kindOf(value)
                    + "; templates work only on text, numbers, dates, lists and maps.");
        }
    }

}
