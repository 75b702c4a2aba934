package lux.templates;

import com.hubspot.jinjava.objects.SafeString;
import com.hubspot.jinjava.objects.date.PyishDate;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.AbstractList;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
import java.util.Set;

/**
 * What a template may see: text, numbers, booleans, dates, and lists and maps of those.
 * Nothing else, so no template can reach a Java object through its data. {@link #seal}
 * converts a model at the edge; {@link #isData} checks a value inside a render (filter
 * inputs and outputs, loop items, expression results).
 */
final class TemplateData {

    /** Deeper than any real template data; also stops a map that contains itself. */
    private static final int MAX_DEPTH = 16;

    private TemplateData() {
    }

    /**
     * A copy of {@code model} holding only template data: dates become Jinjava dates,
     * enums their names, arrays lists. Anything else is a programming error in the
     * caller, refused here rather than exposed to a template.
     */
    static Map<String, Object> seal(Map<String, ?> model) {
        Map<String, Object> sealed = new LinkedHashMap<>();
        model.forEach((key, value) -> sealed.put(key, sealValue(key, value, 0)));
        return sealed;
    }

    private static Object sealValue(String path, Object value, int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("template data nested deeper than " + MAX_DEPTH + " levels at " + path);
        }
        if (value == null || value instanceof String || value instanceof Boolean || isNumber(value)) {
            return value;
        }
        if (value instanceof Character || value instanceof Enum<?>) {
            return value instanceof Enum<?> e ? e.name() : value.toString();
        }
        if (value instanceof PyishDate) {
            return value;
        }
        PyishDate date = dateOf(value);
        if (date != null) {
            return date;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), sealValue(path + "." + k, v, depth + 1)));
            return new DataMap(copy);
        }
        if (value instanceof Collection<?> items) {
            List<Object> copy = new ArrayList<>(items.size());
            int i = 0;
            for (Object item : items) {
                copy.add(sealValue(path + "[" + i++ + "]", item, depth + 1));
            }
            return new DataList(copy);
        }
        if (value instanceof Object[] array) {
            return sealValue(path, List.of(array), depth);
        }
        throw new IllegalArgumentException("template data may hold only text, numbers, booleans, dates, lists and maps;"
                + " " + path + " is a " + value.getClass().getSimpleName());
    }

    private static PyishDate dateOf(Object value) {
        if (value instanceof Instant i) {
            return new PyishDate(i);
        }
        if (value instanceof ZonedDateTime z) {
            return new PyishDate(z);
        }
        if (value instanceof OffsetDateTime o) {
            return new PyishDate(o.toZonedDateTime());
        }
        if (value instanceof LocalDateTime l) {
            return new PyishDate(l.atZone(ZoneOffset.UTC));
        }
        if (value instanceof LocalDate d) {
            return new PyishDate(d.atStartOfDay(ZoneOffset.UTC));
        }
        if (value instanceof Date d) {
            return new PyishDate(d);
        }
        return null;
    }

    /** Whether {@code value} is template data, looking inside lists and maps. */
    static boolean isData(Object value) {
        return isData(value, 0);
    }

    private static boolean isData(Object value, int depth) {
        if (isScalar(value) || value instanceof DataMap || value instanceof DataList) {
            return true; // sealed at the edge: no need to look inside again on every
                         // access
        }
        if (depth > MAX_DEPTH) {
            return false;
        }
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!isScalar(e.getKey()) || !isData(e.getValue(), depth + 1)) {
                    return false;
                }
            }
            return true;
        }
        if (value instanceof Collection<?> items) {
            for (Object item : items) {
                if (!isData(item, depth + 1)) {
                    return false;
                }
            }
            return true;
        }
        if (value instanceof Map.Entry<?, ?> entry) {
            return isScalar(entry.getKey()) && isData(entry.getValue(), depth + 1);
        }
        return false;
    }

    private static boolean isScalar(Object value) {
        return value == null || value instanceof String || value instanceof Boolean || isNumber(value)
                || value instanceof Character || value instanceof SafeString || value instanceof PyishDate;
    }

    private static boolean isNumber(Object value) {
        return value instanceof Integer || value instanceof Long || value instanceof Double || value instanceof Float
                || value instanceof Short || value instanceof Byte || value instanceof java.math.BigDecimal
                || value instanceof java.math.BigInteger;
    }

    /** A read-only map made by {@link #seal}, known to hold only template data. */
    static final class DataMap extends AbstractMap<String, Object> {

        private final Map<String, Object> map;

        private DataMap(Map<String, Object> map) {
            this.map = map;
        }

        @Override
        public Object get(Object key) {
            return map.get(key);
        }

        @Override
        public boolean containsKey(Object key) {
            return map.containsKey(key);
        }

        @Override
        public int size() {
            return map.size();
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            return Collections.unmodifiableMap(map).entrySet();
        }

    }

    /** A read-only list made by {@link #seal}, known to hold only template data. */
    static final class DataList extends AbstractList<Object> implements RandomAccess {

        private final List<Object> list;

        private DataList(List<Object> list) {
            this.list = list;
        }

        @Override
        public Object get(int index) {
            return list.get(index);
        }

        @Override
        public int size() {
            return list.size();
        }

    }

    /**
     * How a template author would name the kind of {@code value}, for error messages
     * (never its content).
     */
    static String kindOf(Object value) {
        if (value instanceof String || value instanceof SafeString || value instanceof Character) {
            return "text";
        }
        if (isNumber(value)) {
            return "a number";
        }
        if (value instanceof Boolean) {
            return "a boolean";
        }
        if (value instanceof PyishDate) {
            return "a date";
        }
        if (value instanceof Map<?, ?>) {
            return "a map";
        }
        if (value instanceof Collection<?>) {
            return "a list";
        }
        return "an internal object";
    }

}
