package lux.templates;

import com.hubspot.jinjava.el.JinjavaObjectUnwrapper;
import com.hubspot.jinjava.el.ObjectUnwrapper;
import com.hubspot.jinjava.el.ext.AbstractCallableMethod;
import com.hubspot.jinjava.lib.exptest.ExpTest;
import com.hubspot.jinjava.util.ForLoop;

/**
 * Jinjava unwraps the result of every expression and every object whose field is read:
 * the last gate before a value is printed, stored with {@code set} or looked into. Only
 * template data passes, plus the engine's own {@code loop}, macros and the filter and
 * test objects its parser calls.
 */
final class SealedUnwrapper implements ObjectUnwrapper {

    private final ObjectUnwrapper jinjava = new JinjavaObjectUnwrapper();

    @Override
    public Object unwrapObject(Object o) {
        Object value = jinjava.unwrapObject(o);
        if (value instanceof ForLoop || value instanceof AbstractCallableMethod || value instanceof SealedFilter
                || value instanceof RefusedFilter || value instanceof ExpTest || TemplateData.isData(value)) {
            return value;
        }
        throw RenderGuard.current()
            .refuse("an expression gave " + TemplateData.kindOf(value)
                    + ", which templates cannot use; they work only on text, numbers, dates, lists and maps.");
    }

}
