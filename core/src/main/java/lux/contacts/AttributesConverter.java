package lux.contacts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.LinkedHashMap;
import java.util.Map;

/** Free contact attributes as a JSON object in a TEXT column: the same on H2 and PostgreSQL. */
@Converter
class AttributesConverter implements AttributeConverter<Map<String, String>, String> {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, String>> MAP = new TypeReference<>() {
    };

    @Override
    public String convertToDatabaseColumn(Map<String, String> attributes) {
        try {
            return JSON.writeValueAsString(attributes == null ? Map.of() : attributes);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Contact attributes cannot be written as JSON", e);
        }
    }

    @Override
    public Map<String, String> convertToEntityAttribute(String column) {
        try {
            return column == null || column.isBlank() ? new LinkedHashMap<>() : JSON.readValue(column, MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored contact attributes are not a JSON object of strings", e);
        }
    }
}
