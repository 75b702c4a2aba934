package lux.campaigns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;
import lux.audit.Actor;
import lux.audit.AuditService;
import lux.audit.Channel;
import lux.campaigns.CampaignEvent.ApprovalDecided;
import lux.campaigns.CampaignEvent.ApprovalRequested;
import lux.contacts.AudienceFilter;
import lux.contacts.ContactService;
import lux.contacts.NewContact;
import lux.shared.ConflictException;
import lux.shared.ForbiddenException;
import lux.templates.TemplateContent;
import lux.templates.TemplateService;
import lux.testsupport.CoreTestApplication;
import lux.testsupport.DatabaseCleaner;
import lux.testsupport.DatabaseTest;
import lux.testsupport.MutableClock;
import lux.users.NewUser;
import lux.users.Role;
import lux.users.UserService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

/**
 * Send approval on (admins only): nothing is scheduled until a second person, an admin,
 * approves what they saw.
 */
@DatabaseTest
@SpringBootTest(classes = CoreTestApplication.class,
        properties = { "lux.campaigns.approval.required=true", "lux.campaigns.approval.approvers=admins" })
@Import(SendApprovalTest.FixedClock.class)
@RecordApplicationEvents
class SendApprovalTest {

    static final Instant NOW = Instant.parse("2026-11-26T09:00:00Z");

    @TestConfiguration
    static class FixedClock {

        @Bean
        MutableClock clock() {
            return new MutableClock(NOW);
        }

    }

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
    AuditService audit;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MutableClock clock;

    @Autowired
    ApplicationEvents events;

    Actor mia;

    Actor otherMarketer;

    Actor admin;

    long templateId;

    long campaignId;

    @BeforeEach
    void setUp() {
        DatabaseCleaner.clean(jdbc);
        clock.set(NOW);
        mia = actor(users.create(new NewUser("mia@lux.test", "Mia", "x", Role.MARKETER), Actor.system()).getId(),
                "Mia");
        otherMarketer = actor(
                users.create(new NewUser("tom@lux.test", "Tom", "x", Role.MARKETER), Actor.system()).getId(), "Tom");
        admin = actor(users.create(new NewUser("ana@lux.test", "Ana", "x", Role.ADMIN), Actor.system()).getId(), "Ana");
        templateId = templates
            .create(new TemplateContent("Invite", "Hi", "<p>Hi {{ contact.first_name }}</p>", null), mia)
            .id();
        contacts.create(new NewContact("a@example.com", "A", null, null, Map.of(), Set.of("vip"), null), mia);
        campaignId = campaigns
            .create(new NewCampaign("Winter sale", templateId, null, AudienceFilter.anyOf("vip")), mia)
            .id();
    }

    private static Actor actor(long id, String name) {
        return new Actor(id, name, Channel.CONSOLE);
    }

    @Test
    void schedulingOnlyAsksAndTheSchedulerSeesNothingDue() {
        CampaignView asked = campaigns.schedule(campaignId, LocalDateTime.parse("2026-11-27T10:00"),
                ZoneId.of("Europe/Berlin"), mia);

        assertThat(asked.status()).isEqualTo(CampaignStatus.DRAFT);
        assertThat(asked.awaitingApproval()).isTrue();
        assertThat(asked.approval().requestedBy()).isEqualTo("Mia");
        assertThat(asked.scheduledAt()).isEqualTo(Instant.parse("2026-11-27T09:00:00Z"));
        assertThat(approvals.pending()).extracting(CampaignView::id).containsExactly(campaignId);
        assertThat(events.stream(ApprovalRequested.class)).singleElement()
            .satisfies(e -> assertThat(e.audience()).isEqualTo(1));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM campaign WHERE status = 'SCHEDULED'", Long.class))
            .isZero();
    }

    @Test
    void theRequesterAndNonAdminsCannotApproveAnAdminCan() {
        campaigns.schedule(campaignId, LocalDateTime.parse("2026-11-27T10:00"), ZoneId.of("UTC"), mia);

        assertThatThrownBy(() -> approvals.approve(campaignId, mia)).isInstanceOf(ForbiddenException.class)
            .hasMessageContaining("second person");
        assertThatThrownBy(() -> approvals.approve(campaignId, otherMarketer)).isInstanceOf(ForbiddenException.class)
            .hasMessageContaining("Only admins");
        assertThatThrownBy(() -> approvals.approve(campaignId, Actor.system())).isInstanceOf(ForbiddenException.class);

        CampaignView approved = approvals.approve(campaignId, admin);
        assertThat(approved.status()).isEqualTo(CampaignStatus.SCHEDULED);
        assertThat(approved.scheduledAt()).isEqualTo(Instant.parse("2026-11-27T10:00:00Z"));
        assertThat(approved.approval().state()).isEqualTo(ApprovalState.APPROVED);
        assertThat(approved.approval().decidedBy()).isEqualTo("Ana");
        assertThat(audit.forTarget("campaign", campaignId)).extracting(e -> e.getAction())
            .contains("campaign.approval.request", "campaign.approve");
        assertThat(events.stream(ApprovalDecided.class)).singleElement().satisfies(e -> {
            assertThat(e.outcome()).isEqualTo(ApprovalState.APPROVED);
            assertThat(e.requesterId()).isEqualTo(mia.userId());
        });
        assertThatThrownBy(() -> approvals.approve(campaignId, admin)).isInstanceOf(ConflictException.class)
            .hasMessageContaining("not waiting");
    }

    @Test
    void anApprovalAfterTheAskedTimeSendsNow() {
        campaigns.schedule(campaignId, null, null, mia);
        clock.advance(Duration.ofHours(3));

        CampaignView approved = approvals.approve(campaignId, admin);

        assertThat(approved.scheduledAt()).isEqualTo(NOW.plus(Duration.ofHours(3)));
    }

    @Test
    void rejectionKeepsTheDraftAndTellsTheRequesterWhy() {
        campaigns.schedule(campaignId, null, null, mia);

        CampaignView rejected = approvals.reject(campaignId, "Wrong audience: use tag:customers", admin);

        assertThat(rejected.status()).isEqualTo(CampaignStatus.DRAFT);
        assertThat(rejected.awaitingApproval()).isFalse();
        assertThat(rejected.scheduledAt()).isNull();
        assertThat(rejected.approval().state()).isEqualTo(ApprovalState.REJECTED);
        assertThat(rejected.approval().note()).isEqualTo("Wrong audience: use tag:customers");
        assertThat(events.stream(ApprovalDecided.class)).singleElement()
            .satisfies(e -> assertThat(e.note()).contains("Wrong audience"));
        assertThat(approvals.pending()).isEmpty();
    }

    @Test
    void editingTheCampaignOrUnschedulingWithdrawsTheRequest() {
        campaigns.schedule(campaignId, null, null, mia);
        campaigns.update(campaignId, new CampaignChanges("Winter sale v2", null, null, null), mia);
        assertThat(campaigns.get(campaignId).approval().state()).isEqualTo(ApprovalState.WITHDRAWN);
        assertThatThrownBy(() -> approvals.approve(campaignId, admin)).isInstanceOf(ConflictException.class);

        campaigns.schedule(campaignId, null, null, mia);
        CampaignView back = campaigns.unschedule(campaignId, mia);
        assertThat(back.approval().state()).isEqualTo(ApprovalState.WITHDRAWN);
        assertThat(back.status()).isEqualTo(CampaignStatus.DRAFT);
    }

    @Test
    void aTemplateChangedAfterTheRequestWithdrawsIt() {
        campaigns.schedule(campaignId, null, null, mia);
        clock.advance(Duration.ofMinutes(5));
        templates.update(templateId, new TemplateContent("Invite", "Hi", "<p>Changed</p>", null), otherMarketer);

        CampaignView withdrawn = campaigns.get(campaignId);
        assertThat(withdrawn.approval().state()).isEqualTo(ApprovalState.WITHDRAWN);
        assertThat(withdrawn.approval().note()).contains("template \"Invite\" was edited by Tom");
        assertThat(events.stream(ApprovalDecided.class)).singleElement().satisfies(e -> {
            assertThat(e.outcome()).isEqualTo(ApprovalState.WITHDRAWN);
            assertThat(e.requesterId()).isEqualTo(mia.userId()); // the requester is told
        });
        assertThatThrownBy(() -> approvals.approve(campaignId, admin)).isInstanceOf(ConflictException.class);
        assertThat(campaigns.get(campaignId).status()).isEqualTo(CampaignStatus.DRAFT);
    }

    @Test
    void cancellingWithdrawsThePendingRequest() {
        campaigns.schedule(campaignId, null, null, mia);
        campaigns.cancel(campaignId, mia);

        assertThat(approvals.pending()).isEmpty();
        assertThat(campaigns.get(campaignId).status()).isEqualTo(CampaignStatus.CANCELLED);
    }

}
