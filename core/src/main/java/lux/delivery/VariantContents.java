package lux.delivery;

import java.util.Map;
import java.util.Optional;
import lux.templates.TemplateContent;

/**
 * What each variant of a campaign sends, by the variant number on its recipient rows;
 * empty for a campaign without variants (then every recipient gets the confirmed
 * content).
 */
public interface VariantContents {

    Map<Integer, TemplateContent> contents(long campaignId);

    /**
     * What recipients without a variant get instead of the confirmed content (an A/B
     * test's winner send: the winning variant); empty for the confirmed content.
     */
    default Optional<TemplateContent> forTheRest(long campaignId) {
        return Optional.empty();
    }

}
