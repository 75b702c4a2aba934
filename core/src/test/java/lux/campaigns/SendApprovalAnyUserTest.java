package lux.campaigns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Set;
import lux.audit.Actor;
import lux.audit.Channel;
import lux.contacts.AudienceFilter;
import lux.contacts.ContactService;
import lux.contacts.NewContact;
import lux.shared.ForbiddenException;
import lux.templates.TemplateContent;
import lux.templates.TemplateService;
import lux.testsupport.CoreTestApplication;
import lux.testsupport.DatabaseCleaner;
import lux.testsupport.DatabaseTest;
import lux.users.NewUser;
import lux.users.Role;
import lux.users.UserService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Send approval with the default approvers: any other enabled user, marketer or admin,
 * but never the requester.
 */
@DatabaseTest
@SpringBootTest(classes = CoreTestApplication.class, properties = "lux.campaigns.approval.required=true")
class SendApprovalAnyUserTest {

    @Autowired
    CampaignService campaigns;

    @Autowired
    SendApprovalService approvals;

    @Autowired
    TemplateService templates;

    @Autowired
    ContactService contacts;

    @Autowired
    UserService users;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void anotherMarketerMayApproveButNotADisabledOne() {
        DatabaseCleaner.clean(jdbc);
        Actor mia = new Actor(
                users.create(new NewUser("mia@lux.test", "Mia", "x", Role.MARKETER), Actor.system()).getId(), "Mia",
                Channel.TEAMS);
        long tomId = users.create(new NewUser("tom@lux.test", "Tom", "x", Role.MARKETER), Actor.system()).getId();
        Actor tom = new Actor(tomId, "Tom", Channel.TEAMS);
        long template = templates.create(new TemplateContent("Invite", "Hi", "<p>Hi</p>", null), mia).id();
        contacts.create(new NewContact("a@example.com", "A", null, null, Map.of(), Set.of("vip"), null), mia);
        long id = campaigns.create(new NewCampaign("Sale", template, null, AudienceFilter.anyOf("vip")), mia).id();
        campaigns.schedule(id, null, null, mia);

        users.setEnabled(tomId, false, Actor.system());
        assertThatThrownBy(() -> approvals.approve(id, tom)).isInstanceOf(ForbiddenException.class)
            .hasMessageContaining("disabled");
        users.setEnabled(tomId, true, Actor.system());

        assertThat(approvals.whyNot(campaigns.get(id), tom)).isEmpty();
        assertThat(approvals.whyNot(campaigns.get(id), mia))
            .hasValueSatisfying(m -> assertThat(m).contains("second person"));
        assertThat(approvals.approve(id, tom).status()).isEqualTo(CampaignStatus.SCHEDULED);
    }

}
