package lux.testsupport;

import java.util.Set;
import lux.audit.Actor;
import lux.campaigns.CampaignService;
import lux.campaigns.CampaignView;
import lux.campaigns.NewCampaign;
import lux.contacts.AudienceFilter;
import lux.contacts.ContactService;
import lux.contacts.ContactView;
import lux.contacts.NewContact;
import lux.templates.TemplateContent;
import lux.templates.TemplateService;
import lux.templates.TemplateView;
import lux.users.NewUser;
import lux.users.Role;
import lux.users.User;
import lux.users.UserService;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.stereotype.Component;

/** Real data through the real services, for console and API tests. */
@Component
public class ConsoleFixtures {

    public static final String PASSWORD = "correct horse battery";

    private static final String HASH = new BCryptPasswordEncoder(4).encode(PASSWORD);

    private final UserService users;

    private final ContactService contacts;

    private final TemplateService templates;

    private final CampaignService campaigns;

    ConsoleFixtures(UserService users, ContactService contacts, TemplateService templates, CampaignService campaigns) {
        this.users = users;
        this.contacts = contacts;
        this.templates = templates;
        this.campaigns = campaigns;
    }

    public User user(String email, Role role) {
        return users.create(new NewUser(email, email.substring(0, email.indexOf('@')), HASH, role), Actor.system());
    }

    public ContactView contact(String email, String firstName, String... tags) {
        return contacts.create(new NewContact(email, firstName, null, "ACME", java.util.Map.of(), Set.of(tags), "test"),
                Actor.system());
    }

    public TemplateView template(String name) {
        return templates.create(new TemplateContent(name, "Hello {{ contact.first_name }}",
                "<p>Hi {{ contact.first_name }}, see <a href=\"https://example.org/offer\">the offer</a>.</p>", null),
                Actor.system());
    }

    public CampaignView campaign(String name, long templateId, String... anyOfTags) {
        return campaigns.create(new NewCampaign(name, templateId, null, AudienceFilter.anyOf(anyOfTags)),
                Actor.system());
    }

}
