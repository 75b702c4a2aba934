package lux.campaigns;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import lux.contacts.AudienceFilter;

/** A campaign's audience filter, stored as JSON: {"anyOf":[..],"allOf":[..],"excluded":[..]}. */
@Converter
class AudienceFilterConverter implements AttributeConverter<AudienceFilter, String> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String convertToDatabaseColumn(AudienceFilter filter) {
        try {
            return JSON.writeValueAsString(filter == null ? AudienceFilter.everyone() : filter);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Audience filter cannot be written as JSON", e);
        }
    }

    @Override
    public AudienceFilter convertToEntityAttribute(String column) {
        try {
            return column == null ? AudienceFilter.everyone() : JSON.readValue(column, AudienceFilter.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored audience filter is not valid JSON", e);
        }
    }
}
