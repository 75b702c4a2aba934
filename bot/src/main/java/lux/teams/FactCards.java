package lux.teams;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import lux.agent.TeamsMessages;

/**
 * The one "facts" card layout many cards share: a title, a line of text, facts, an
 * optional image and buttons.
 */
final class FactCards {

    private final CardTemplates templates;

    private final TeamsMessages messages;

    FactCards(CardTemplates templates, TeamsMessages messages) {
        this.templates = templates;
        this.messages = messages;
    }

    Card render(String title, String text, List<Map<String, Object>> facts, String image,
            List<Map<String, Object>> actions, Locale locale) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("title", title);
        data.put("text", text);
        data.put("facts", facts);
        data.put("image", image);
        data.put("imageAlt", messages.text(locale, "card.facts.chartAlt"));
        data.put("actions", actions);
        return templates.render("facts", data, locale);
    }

    static Map<String, Object> fact(String title, Object value) {
        return Map.of("title", title, "value", String.valueOf(value));
    }

    static Map<String, Object> action(String title, Map<String, Object> data) {
        return Map.of("title", title, "data", data);
    }

}
