package lux.teams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Fills the JSON card templates under {@code cards/} with data. Every value goes through {@code |tojson}, so
 * text from contacts or the model cannot break out of its JSON string, and every text shown goes through
 * {@code |plain} ({@link PlainText}), so it cannot become a Markdown link; the result is parsed to prove it is JSON.
 */
@Component
class CardTemplates {
    /** Nested interpretation off: a contact named "{{ ... }}" must be shown, never evaluated. */
    private final Jinjava jinjava = new Jinjava(JinjavaConfig.newBuilder().withMaxOutputSize(512_000)
            .withNestedInterpretationEnabled(false).build());
    private final Map<String, String> sources = new ConcurrentHashMap<>();

    {
        jinjava.getGlobalContext().registerFilter(new PlainText());
    }
    private final ObjectMapper json = new ObjectMapper();

    Card render(String template, Map<String, Object> data) {
        String source = sources.computeIfAbsent(template, CardTemplates::load);
        String text = jinjava.render(source, data);
        try {
            JsonNode node = json.readTree(text);
            return new Card(template, node);
        } catch (IOException e) {
            throw new IllegalStateException("Card template " + template + " produced invalid JSON: " + e.getMessage(), e);
        }
    }

    private static String load(String template) {
        try (InputStream in = CardTemplates.class.getResourceAsStream("/cards/" + template + ".json")) {
            if (in == null) {
                throw new IllegalArgumentException("No card template cards/" + template + ".json");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
