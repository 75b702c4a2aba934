package lux.templates;

import com.hubspot.jinjava.el.TypeConvertingMapELResolver;
import com.hubspot.jinjava.el.ext.JinjavaListELResolver;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.exptest.ExpTest;
import com.hubspot.jinjava.lib.filter.Filter;
import com.hubspot.jinjava.objects.date.PyishDate;
import com.hubspot.jinjava.util.ForLoop;
import java.beans.FeatureDescriptor;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import jinjava.javax.el.ELContext;
import jinjava.javax.el.ELResolver;
import jinjava.javax.el.PropertyNotFoundException;
import jinjava.javax.el.PropertyNotWritableException;

/**
 * The only way from a value to another value in a LUX template: keys of maps, indexes of
 * lists, the fields of {@code loop} and of dates. It replaces Jinjava's bean resolver, so
 * no template can read a Java getter or call a Java method; the one call it makes is a
 * filter or test Jinjava's parser put there for {@code |name} or {@code is name}.
 */
final class SealedResolver extends ELResolver {

    private final ELResolver maps = new TypeConvertingMapELResolver(true);

    private final ELResolver lists = new JinjavaListELResolver(true);

    @Override
    public Object getValue(ELContext context, Object base, Object property) {
        if (base instanceof Map<?, ?>) {
            return maps.getValue(context, base, property);
        }
        if (base instanceof List<?>) {
            return lists.getValue(context, base, property);
        }
        if (base == null || base instanceof SealedFilter || base instanceof RefusedFilter || base instanceof ExpTest) {
            return null; // the name of a filter or test call; not resolved here
        }
        String name = String.valueOf(property);
        Object value = base instanceof ForLoop loop ? loopField(loop, name)
                : base instanceof PyishDate date ? dateField(date, name) : null;
        if (value == null) {
            throw new PropertyNotFoundException("'" + name + "' is not a field of " + TemplateData.kindOf(base));
        }
        context.setPropertyResolved(true);
        return value;
    }

    @Override
    public Object invoke(ELContext context, Object base, Object method, Class<?>[] paramTypes, Object[] params) {
        JinjavaInterpreter interpreter = JinjavaInterpreter.getCurrent();
        RenderGuard guard = RenderGuard.of(interpreter);
        guard.check();
        if ((base instanceof SealedFilter || base instanceof RefusedFilter) && "filter".equals(method) && params != null
                && params.length == 4) {
            Filter filter = (Filter) base;
            context.setPropertyResolved(true);
            @SuppressWarnings("unchecked")
            Map<String, Object> kwargs = (Map<String, Object>) params[3];
            return filter.filter(params[0], interpreter, (Object[]) params[2], kwargs);
        }
        if (base instanceof ExpTest test && params != null && params.length >= 2
                && ("evaluate".equals(method) || "evaluateNegated".equals(method))) {
            context.setPropertyResolved(true);
            Object[] args = Arrays.copyOfRange(params, 2, params.length);
            return "evaluate".equals(method) ? test.evaluate(params[0], interpreter, args)
                    : test.evaluateNegated(params[0], interpreter, args);
        }
        throw guard.refuse("templates cannot call methods, so \"." + method + "(…)\" on " + TemplateData.kindOf(base)
                + " is not allowed. Use a filter instead, e.g. {{ contact.first_name | upper }}.");
    }

    private static Object loopField(ForLoop loop, String name) {
        return switch (name) {
            case "index" -> loop.getIndex();
            case "index0" -> loop.getIndex0();
            case "revindex" -> loop.getRevindex();
            case "revindex0" -> loop.getRevindex0();
            case "first" -> loop.isFirst();
            case "last" -> loop.isLast();
            case "length" -> loop.getLength();
            case "depth" -> loop.getDepth();
            case "depth0" -> loop.getDepth0();
            default -> null;
        };
    }

    private static Object dateField(PyishDate date, String name) {
        return switch (name) {
            case "year" -> date.getYear();
            case "month" -> date.getMonth();
            case "day" -> date.getDay();
            case "hour" -> date.getHour();
            case "minute" -> date.getMinute();
            case "second" -> date.getSecond();
            default -> null;
        };
    }

    @Override
    public Class<?> getType(ELContext context, Object base, Object property) {
        return null;
    }

    @Override
    public void setValue(ELContext context, Object base, Object property, Object value) {
        throw new PropertyNotWritableException("template data is read-only");
    }

    @Override
    public boolean isReadOnly(ELContext context, Object base, Object property) {
        return true;
    }

    @Override
    public Iterator<FeatureDescriptor> getFeatureDescriptors(ELContext context, Object base) {
        return Collections.emptyIterator();
    }

    @Override
    public Class<?> getCommonPropertyType(ELContext context, Object base) {
        return base instanceof Map<?, ?> || base instanceof List<?> ? Object.class : null;
    }

}
