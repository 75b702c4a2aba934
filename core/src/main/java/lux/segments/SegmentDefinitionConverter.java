package lux.segments;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** A segment's definition as JSON text, times as ISO-8601 strings. */
@Converter
class SegmentDefinitionConverter implements AttributeConverter<SegmentDefinition, String> {

    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @Override
    public String convertToDatabaseColumn(SegmentDefinition definition) {
        try {
            return JSON.writeValueAsString(definition);
        }
        catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write a segment definition as JSON", e);
        }
    }

    @Override
    public SegmentDefinition convertToEntityAttribute(String column) {
        try {
            return JSON.readValue(column, SegmentDefinition.class);
        }
        catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored segment definition is not valid JSON", e);
        }
    }

}
