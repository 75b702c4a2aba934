package lux.templates;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.tag.ForTag;
import com.hubspot.jinjava.tree.TagNode;
import java.util.AbstractCollection;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Jinjava's {@code for}, looping only over template data and counting every iteration
 * against the render's budget (so range(1000) × range(1000) × range(1000) stops after
 * max-loop-iterations, not a billion).
 */
final class SealedForTag extends ForTag {

    private static final long serialVersionUID = 1L;

    @Override
    public String renderForCollection(TagNode tagNode, JinjavaInterpreter interpreter, List<String> loopVars,
            Object collection) {
        RenderGuard guard = RenderGuard.of(interpreter);
        guard.check();
        return super.renderForCollection(tagNode, interpreter, loopVars, new Counted(items(guard, collection), guard));
    }

    /**
     * What Jinjava would iterate (a map's values, a single value once), for data only.
     */
    private static Collection<?> items(RenderGuard guard, Object collection) {
        if (collection == null) {
            return List.of();
        }
        if (collection instanceof Map<?, ?> map) {
            return map.values();
        }
        if (collection instanceof Collection<?> items) {
            return items;
        }
        if (TemplateData.isData(collection)) {
            return List.of(collection);
        }
        throw guard
            .refuse("a for loop can only go over a list or a map, not over " + TemplateData.kindOf(collection) + ".");
    }

    /** The items, each one counted and checked as it is taken. */
    private static final class Counted extends AbstractCollection<Object> {

        private final Collection<?> items;

        private final RenderGuard guard;

        Counted(Collection<?> items, RenderGuard guard) {
            this.items = items;
            this.guard = guard;
        }

        @Override
        public Iterator<Object> iterator() {
            Iterator<?> it = items.iterator();
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return it.hasNext();
                }

                @Override
                public Object next() {
                    guard.iteration();
                    Object item = it.next();
                    if (!TemplateData.isData(item)) {
                        throw guard.refuse("a for loop can only go over text, numbers, dates, lists and maps, not over "
                                + TemplateData.kindOf(item) + ".");
                    }
                    return item;
                }
            };
        }

        @Override
        public int size() {
            return items.size();
        }

    }

}
