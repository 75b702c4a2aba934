package lux.delivery;

import java.util.Map;
import java.util.Set;
import lux.audit.Actor;
import lux.campaigns.CampaignService;
import lux.campaigns.CampaignView;
import lux.campaigns.NewCampaign;
import lux.contacts.AudienceFilter;
import lux.contacts.ContactService;
import lux.contacts.NewContact;
import lux.templates.TemplateContent;
import lux.templates.TemplateService;

/** Contacts, a template with every kind of link, and a campaign scheduled for now. */
final class DeliveryFixture {

    static final String HTML = "<p>Hello {{ contact.first_name }}</p><p><a href=\"https://example.com/offer?x=1&amp;y=2\">Offer</a> "
            + "<a href=\"mailto:sales@example.com\">Mail us</a> <a href=\"tel:+4912345\">Call</a> <a href=\"#top\">Top</a> "
            + "<a href=\"http://example.org/blog\">Blog</a></p>";

    private DeliveryFixture() {
    }

    static long template(TemplateService templates, String name) {
        return templates.create(new TemplateContent(name, "Hi {{ contact.first_name }}", HTML, null), Actor.system())
            .id();
    }

    static void contacts(ContactService contacts, String prefix, int n, String tag) {
        for (int i = 0; i < n; i++) {
            contacts.create(
                    new NewContact(prefix + i + "@example.net", "Name" + i, null, null, Map.of(), Set.of(tag), "test"),
                    Actor.system());
        }
    }

    static CampaignView scheduledNow(CampaignService campaigns, long templateId, String name, String tag,
            String sender) {
        CampaignView c = campaigns.create(
                new NewCampaign(name, templateId, sender, new AudienceFilter(Set.of(tag), Set.of(), Set.of())),
                Actor.system());
        return campaigns.schedule(c.id(), null, null, Actor.system());
    }

}
