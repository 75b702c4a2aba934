package lux.teams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import lux.agent.TeamsMessages;
import lux.templates.DataTemplates;
import org.springframework.stereotype.Component;

/**
 * Fills the JSON card templates under {@code cards/} with data. Every value goes through
 * {@code |tojson}, so text from contacts or the model cannot break out of its JSON
 * string, and every text shown goes through {@code |plain} ({@link PlainText}), so it
 * cannot become a Markdown link; the result is parsed to prove it is JSON. A card's fixed
 * labels come from the Teams bundle in the reader's language as {@code t['key']}.
 */
@Component
class CardTemplates {

    /**
     * Core's sealed engine: data stays data, nested interpretation is off, output is
     * bounded.
     */
    private final DataTemplates engine = new DataTemplates(512_000, new PlainText());

    private final Map<String, String> sources = new ConcurrentHashMap<>();

    private final ObjectMapper json = new ObjectMapper();

    private final TeamsMessages messages;

    CardTemplates(TeamsMessages messages) {
        this.messages = messages;
    }

    Card render(String template, Map<String, Object> data) {
        return render(template, data, Locale.ENGLISH);
    }

    /** The card with its labels in {@code locale} (English or German). */
    Card render(String template, Map<String, Object> data, Locale locale) {
        String source = sources.computeIfAbsent(template, CardTemplates::load);
        Map<String, Object> withLabels = new HashMap<>(data);
        withLabels.put("t", messages.all(locale));
        String text = engine.render("cards/" + template + ".json", source, withLabels);
        try {
            JsonNode node = json.readTree(text);
            return new Card(template, node);
        }
        catch (IOException e) {
            throw new IllegalStateException("Card template " + template + " produced invalid JSON: " + e.getMessage(),
                    e);
        }
    }

    private static String load(String template) {
        try (InputStream in = CardTemplates.class.getResourceAsStream("/cards/" + template + ".json")) {
            if (in == null) {
                throw new IllegalArgumentException("No card template cards/" + template + ".json");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
