package lux.campaigns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import lux.audit.Actor;
import lux.audit.AuditEntry;
import lux.audit.AuditService;
import lux.audit.Channel;
import lux.contacts.AudienceFilter;
import lux.contacts.ContactService;
import lux.contacts.NewContact;
import lux.shared.ConflictException;
import lux.shared.InvalidInputException;
import lux.shared.NotFoundException;
import lux.templates.TemplateContent;
import lux.templates.TemplateService;
import lux.testsupport.CoreTestApplication;
import lux.testsupport.DatabaseCleaner;
import lux.testsupport.DatabaseTest;
import lux.testsupport.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.data.domain.PageRequest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

@DatabaseTest
@SpringBootTest(classes = CoreTestApplication.class, properties = "lux.delivery.senders=marketing@lux.test")
@Import(CampaignServiceTest.FixedClock.class)
@RecordApplicationEvents
class CampaignServiceTest {

    static final Instant NOW = Instant.parse("2026-11-26T09:00:00Z");

    private static final Actor MIA = new Actor(null, "mia@lux.test", Channel.TEAMS);

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
    TemplateService templates;

    @Autowired
    ContactService contacts;

    @Autowired
    AuditService audit;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MutableClock clock;

    @Autowired
    ApplicationEvents events;

    long templateId;

    @BeforeEach
    void setUp() {
        DatabaseCleaner.clean(jdbc);
        clock.set(NOW);
        templateId = templates
            .create(new TemplateContent("Webinar invite", "Join us, {{ contact.first_name }}",
                    "<p>Hello {{ contact.first_name }}</p>", null), MIA)
            .id();
        contacts.create(new NewContact("a@example.com", "A", null, null, Map.of(), Set.of("vip"), null), MIA);
        contacts.create(new NewContact("b@example.com", "B", null, null, Map.of(), Set.of("vip", "churned"), null),
                MIA);
        contacts.create(new NewContact("c@example.com", "C", null, null, Map.of(), Set.of("newsletter"), null), MIA);
    }

    private CampaignView vipCampaign() {
        return campaigns.create(new NewCampaign("Webinar", templateId, "Marketing@Lux.test",
                new AudienceFilter(Set.of("vip"), Set.of(), Set.of("churned"))), MIA);
    }

    @Test
    void createsDraftWithAudiencePreviewAndEvent() {
        CampaignView c = vipCampaign();
        assertThat(c.status()).isEqualTo(CampaignStatus.DRAFT);
        assertThat(c.sender()).isEqualTo("marketing@lux.test");
        assertThat(campaigns.previewAudience(c.id(), 5).count()).isEqualTo(1);
        assertThat(events.stream(CampaignEvent.Created.class)).singleElement()
            .satisfies(e -> assertThat(e.campaignId()).isEqualTo(c.id()));
    }

    @Test
    void creationChecksTemplateTagsAndName() {
        assertThatThrownBy(() -> campaigns.create(new NewCampaign("x", 424242, null, AudienceFilter.everyone()), MIA))
            .isInstanceOf(NotFoundException.class)
            .hasMessage("Template 424242 does not exist.");
        assertThatThrownBy(
                () -> campaigns.create(new NewCampaign("x", templateId, null, AudienceFilter.anyOf("vipp")), MIA))
            .isInstanceOf(InvalidInputException.class)
            .hasMessageContaining("Unknown tag vipp");
        assertThatThrownBy(
                () -> campaigns.create(new NewCampaign(" ", templateId, null, AudienceFilter.everyone()), MIA))
            .isInstanceOf(InvalidInputException.class)
            .hasMessage("Give the campaign a name.");
    }

    @Test
    void schedulesInTheGivenTimeZoneAndAudits() {
        CampaignView c = vipCampaign();
        CampaignView scheduled = campaigns.schedule(c.id(), LocalDateTime.parse("2026-12-01T10:00"),
                ZoneId.of("Europe/Berlin"), MIA);

        assertThat(scheduled.status()).isEqualTo(CampaignStatus.SCHEDULED);
        assertThat(scheduled.scheduledAt()).isEqualTo(Instant.parse("2026-12-01T09:00:00Z"));
        assertThat(scheduled.scheduleZone()).isEqualTo("Europe/Berlin");
        assertThat(audit.forTarget("campaign", c.id())).extracting(AuditEntry::getAction)
            .containsExactly("campaign.create", "campaign.schedule");
        assertThat(events.stream(CampaignEvent.StatusChanged.class)).singleElement().satisfies(e -> {
            assertThat(e.from()).isEqualTo(CampaignStatus.DRAFT);
            assertThat(e.to()).isEqualTo(CampaignStatus.SCHEDULED);
            assertThat(e.actor()).isEqualTo(MIA);
        });
    }

    @Test
    void refusesPastTimesAndEmptyAudiences() {
        CampaignView c = vipCampaign();
        assertThatThrownBy(
                () -> campaigns.schedule(c.id(), LocalDateTime.parse("2026-11-25T10:00"), ZoneId.of("UTC"), MIA))
            .isInstanceOf(InvalidInputException.class)
            .hasMessageContaining("is in the past");
        CampaignView nobody = campaigns.create(new NewCampaign("Nobody", templateId, null,
                new AudienceFilter(Set.of("churned"), Set.of(), Set.of("vip"))), MIA);
        assertThatThrownBy(() -> campaigns.schedule(nobody.id(), null, null, MIA))
            .isInstanceOf(InvalidInputException.class)
            .hasMessageContaining("would reach nobody");
    }

    @Test
    void pauseResumeCancelFollowTheLifecycle() {
        CampaignView c = vipCampaign();
        assertThatThrownBy(() -> campaigns.pause(c.id(), MIA)).isInstanceOf(IllegalTransitionException.class)
            .hasMessageContaining("is draft and cannot become paused");
        campaigns.schedule(c.id(), null, null, MIA);
        assertThat(campaigns.pause(c.id(), MIA).status()).isEqualTo(CampaignStatus.PAUSED);
        assertThat(campaigns.resume(c.id(), MIA).status()).isEqualTo(CampaignStatus.SCHEDULED);
        campaigns.transition(c.id(), CampaignStatus.SENDING, "campaign.start", Actor.scheduler());
        assertThat(campaigns.get(c.id()).startedAt()).isEqualTo(NOW);
        campaigns.pause(c.id(), MIA);
        assertThat(campaigns.resume(c.id(), MIA).status()).isEqualTo(CampaignStatus.SENDING);
        clock.advance(Duration.ofMinutes(5));
        CampaignView cancelled = campaigns.cancel(c.id(), MIA);
        assertThat(cancelled.status()).isEqualTo(CampaignStatus.CANCELLED);
        assertThat(cancelled.finishedAt()).isEqualTo(NOW.plus(Duration.ofMinutes(5)));
        assertThatThrownBy(() -> campaigns.resume(c.id(), MIA)).isInstanceOf(IllegalTransitionException.class)
            .hasMessageContaining("is cancelled and cannot become sending. It is finished.");
        assertThat(audit.forTarget("campaign", c.id())).extracting(AuditEntry::getChannel)
            .contains(Channel.TEAMS, Channel.SCHEDULER);
    }

    @Test
    void onlyDraftsCanBeEditedAndUsedTemplatesCannotBeDeleted() {
        CampaignView c = vipCampaign();
        assertThat(campaigns.update(c.id(),
                new CampaignChanges("Webinar v2", null, null, AudienceFilter.anyOf("newsletter")), MIA))
            .satisfies(v -> {
                assertThat(v.name()).isEqualTo("Webinar v2");
                assertThat(v.audience().anyOf()).containsExactly("newsletter");
            });
        campaigns.schedule(c.id(), null, null, MIA);
        assertThatThrownBy(() -> campaigns.update(c.id(), new CampaignChanges("x", null, null, null), MIA))
            .isInstanceOf(ConflictException.class)
            .hasMessageContaining("only drafts can be edited");
        assertThatThrownBy(() -> templates.delete(templateId, MIA)).isInstanceOf(ConflictException.class)
            .hasMessageContaining("is used by a campaign");
    }

    @Test
    void listsCountsAndFindsByName() {
        CampaignView a = vipCampaign();
        campaigns.create(new NewCampaign("Newsletter", templateId, null, AudienceFilter.anyOf("newsletter")), MIA);
        campaigns.schedule(a.id(), null, null, MIA);
        assertThat(campaigns.countByStatus()).containsEntry(CampaignStatus.DRAFT, 1L)
            .containsEntry(CampaignStatus.SCHEDULED, 1L);
        assertThat(campaigns.list(CampaignStatus.SCHEDULED, PageRequest.of(0, 10))).extracting(CampaignView::name)
            .containsExactly("Webinar");
        assertThat(campaigns.getByName("newsletter").name()).isEqualTo("Newsletter");
        assertThatThrownBy(() -> campaigns.getByName("nope")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void duplicatesAnyCampaignAsADraftWithTheSameTemplateSenderAndAudience() {
        CampaignView original = vipCampaign();
        campaigns.cancel(original.id(), MIA);

        CampaignView copy = campaigns.duplicate(original.id(), null, MIA);
        CampaignView named = campaigns.duplicate(original.id(), "Webinar again", MIA);

        assertThat(copy.name()).isEqualTo("Webinar (copy)");
        assertThat(copy.status()).isEqualTo(CampaignStatus.DRAFT);
        assertThat(List.of(copy.templateId(), copy.sender(), copy.audience())).containsExactly(templateId,
                "marketing@lux.test", original.audience());
        assertThat(named.name()).isEqualTo("Webinar again");
        assertThat(copy.id()).isNotEqualTo(original.id());
    }

}
