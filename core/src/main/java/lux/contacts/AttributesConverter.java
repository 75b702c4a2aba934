package lux.contacts;

import com.fasterxml.jackson.core.type.TypeReference;
import jakarta.persistence.Converter;
import java.util.LinkedHashMap;
import java.util.Map;
import lux.shared.JsonColumnConverter;

/**
 * Free contact attributes as a JSON object of strings (read back in their stored order).
 */
@Converter
class AttributesConverter extends JsonColumnConverter<Map<String, String>> {

    AttributesConverter() {
        super(new TypeReference<Map<String, String>>() {
        }, LinkedHashMap::new);
    }

}
