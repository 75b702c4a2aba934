package lux.delivery;

import java.util.Map;
import lux.templates.TemplateContent;

/**
 * What each variant of a campaign sends, by the variant number on its recipient rows;
 * empty for a campaign without variants (then every recipient gets the confirmed
 * content).
 */
public interface VariantContents {

    Map<Integer, TemplateContent> contents(long campaignId);

}
