package lux.templates;

import com.hubspot.jinjava.lib.filter.Filter;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * LUX's own templates filled with data that may come from contacts or the model (the
 * bot's card JSON): rendered by the same sealed engine as email templates, so that data
 * stays data there too, with a small budget. Absent values render empty instead of
 * failing.
 */
public final class DataTemplates {

    private final JinjavaRenderer renderer;

    /**
     * @param filters extra filters the templates use, sealed like the built-in ones (data
     * in, data out)
     */
    public DataTemplates(int maxOutput, Filter... filters) {
        this.renderer = JinjavaRenderer.data(new TemplateProperties(Duration.ofSeconds(5), 10_000, maxOutput),
                List.of(filters));
    }

    /**
     * Renders {@code template} (named {@code name} in errors) with {@code data}: text,
     * numbers, dates, lists and maps.
     */
    public String render(String name, String template, Map<String, ?> data) {
        return renderer.render(name, template, data);
    }

}
