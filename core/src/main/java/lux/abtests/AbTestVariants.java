package lux.abtests;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import lux.campaigns.ConfirmedSends;
import lux.delivery.VariantContents;
import lux.templates.TemplateContent;
import org.springframework.stereotype.Component;

/**
 * What each variant sends, for delivery: its subject, and its own body or else the body
 * the test campaign was confirmed with (the winner send too, so an edit of the template
 * between the test and the winner changes neither).
 */
@Component
class AbTestVariants implements VariantContents {

    private final AbTestStore store;

    private final ConfirmedSends confirmed;

    AbTestVariants(AbTestStore store, ConfirmedSends confirmed) {
        this.store = store;
        this.confirmed = confirmed;
    }

    /** The test campaign's variants (the winner send's rows carry none). */
    @Override
    public Map<Integer, TemplateContent> contents(long campaignId) {
        return store.byTestOrWinnerCampaign(campaignId).filter(test -> test.campaignId() == campaignId).map(test -> {
            TemplateContent base = confirmed.sendContent(test.campaignId());
            Map<Integer, TemplateContent> byVariant = new LinkedHashMap<>();
            for (AbTestStore.VariantRow v : store.variants(test.id())) {
                byVariant.put(v.variant(), of(base, v));
            }
            return byVariant;
        }).orElse(Map.of());
    }

    /** The winner send: everyone gets the winning variant. */
    @Override
    public Optional<TemplateContent> forTheRest(long campaignId) {
        return store.byTestOrWinnerCampaign(campaignId)
            .filter(test -> test.campaignId() != campaignId && test.winnerVariant() != null)
            .map(test -> of(confirmed.sendContent(test.campaignId()),
                    store.variants(test.id()).get(test.winnerVariant())));
    }

    static TemplateContent of(TemplateContent base, AbTestStore.VariantRow v) {
        return v.htmlBody() == null ? new TemplateContent(base.name(), v.subject(), base.htmlBody(), base.textBody())
                : new TemplateContent(base.name(), v.subject(), v.htmlBody(), v.textBody());
    }

}
