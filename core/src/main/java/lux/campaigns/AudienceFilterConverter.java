package lux.campaigns;

import com.fasterxml.jackson.core.type.TypeReference;
import jakarta.persistence.Converter;
import lux.contacts.AudienceFilter;
import lux.shared.JsonColumnConverter;

/** A campaign's audience filter as JSON: {"anyOf":[..],"allOf":[..],"excluded":[..]}. */
@Converter
class AudienceFilterConverter extends JsonColumnConverter<AudienceFilter> {

    AudienceFilterConverter() {
        super(new TypeReference<AudienceFilter>() {
        }, AudienceFilter::everyone);
    }

}
