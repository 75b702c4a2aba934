package lux.shared;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.persistence.AttributeConverter;
import java.util.function.Supplier;

/**
 * A value kept as JSON in a TEXT column: the same on H2 and PostgreSQL. Null and blank
 * read as {@code empty}.
 */
public abstract class JsonColumnConverter<T> implements AttributeConverter<T, String> {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TypeReference<T> type;

    private final Supplier<T> empty;

    protected JsonColumnConverter(TypeReference<T> type, Supplier<T> empty) {
        this.type = type;
        this.empty = empty;
    }

    @Override
    public String convertToDatabaseColumn(T value) {
        try {
            return JSON.writeValueAsString(value == null ? empty.get() : value);
        }
        catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write " + type.getType() + " as JSON", e);
        }
    }

    @Override
    public T convertToEntityAttribute(String column) {
        try {
            return column == null || column.isBlank() ? empty.get() : JSON.readValue(column, type);
        }
        catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored value is not valid JSON for " + type.getType(), e);
        }
    }

}
