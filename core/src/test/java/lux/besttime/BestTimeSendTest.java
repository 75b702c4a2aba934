package lux.besttime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import lux.audit.Actor;
import lux.campaigns.CampaignService;
import lux.campaigns.CampaignStatus;
import lux.campaigns.CampaignView;
import lux.campaigns.NewCampaign;
import lux.campaigns.SchedulePlan;
import lux.campaigns.SchedulePlanner;
import lux.contacts.AudienceFilter;
import lux.contacts.ContactService;
import lux.contacts.NewContact;
import lux.delivery.DeliveryEngine;
import lux.shared.ConflictException;
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
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A best-time send from a hand-worked fixture of earlier opens, through the outbox with a
 * movable clock. The campaign starts on Monday 2026-11-30 at 08:30 UTC (its zone), so the
 * window runs to Tuesday 08:30.
 * <ul>
 * <li>ana: human opens Tue 14:10, Tue 14:50 (a week apart), Wed 09:05: her hour is Tue 14
 * (hour of week 38), so she is due Monday 14:00.</li>
 * <li>ben: two human opens Wed 09:xx and five machine opens Mon 03:00: machine opens do
 * not count, two are too few, so the audience's hour.</li>
 * <li>cy: two human opens Tue 07:xx and two Mon 20:xx: a tie, the earlier hour of the
 * week wins (Mon 20 = 20 before Tue 7 = 31): due Monday 20:00.</li>
 * <li>dee: never opened: the audience's hour.</li>
 * <li>eve: three human opens Mon 08:xx: her hour is the one the window opens in, so she
 * is due at once.</li>
 * </ul>
 * The audience's human opens per hour of week: 38 x2 (ana), 57 x3 (ana 1, ben 2), 31 x2,
 * 20 x2 (cy), 8 x3 (eve): 57 and 8 tie at three, 8 is earlier: the audience's hour is Mon
 * 08, the hour the window opens in, so ben and dee are due at once too. (Were ben's
 * machine opens counted, Mon 03 would win with five.)
 */
@DatabaseTest
@SpringBootTest(classes = CoreTestApplication.class,
        properties = { "lux.delivery.enabled=false", "lux.delivery.limits.enabled=false",
                "lux.delivery.parallel-batches=1", "lux.public-base-url=https://lux.example.com",
                "lux.mail.postal-address=Example Ltd, 1 Main St, Berlin" })
@Import(BestTimeSendTest.Clocks.class)
class BestTimeSendTest {

    static final Instant START = Instant.parse("2026-11-30T08:30:00Z");

    static class Clocks {

        @Bean
        @Primary
        MutableClock bestTimeTestClock() {
            return new MutableClock(START);
        }

    }

    @Autowired
    MutableClock clock;

    @Autowired
    DeliveryEngine engine;

    @Autowired
    CampaignService campaigns;

    @Autowired
    ContactService contacts;

    @Autowired
    TemplateService templates;

    @Autowired
    BestTimeService bestTime;

    @Autowired
    SchedulePlanner planner;

    @Autowired
    JdbcTemplate jdbc;

    long templateId;

    Map<String, Long> contactIds = new HashMap<>();

    @BeforeEach
    void fixture() {
        DatabaseCleaner.clean(jdbc);
        clock.set(START);
        templateId = templates
            .create(new TemplateContent("Best", "Hi", "<p>Hello {{ contact.first_name }}</p>", null), Actor.system())
            .id();
        for (String name : new String[] { "ana", "ben", "cy", "dee", "eve" }) {
            contactIds.put(name,
                    contacts
                        .create(new NewContact(name + "@example.net", name, null, null, Map.of(), Set.of("news"),
                                "test"), Actor.system())
                        .id());
        }
    }

    @Test
    void eachContactIsDueAtTheirBestHourAndTheClaimWaitsForIt() {
        earlierOpens();
        CampaignView campaign = bestTimeCampaign("Best time");
        SchedulePlan plan = planner.plan(campaign.id(), null, null);
        assertThat(plan.warnings()).anyMatch(c -> c.message().startsWith("Best time:"));
        assertThat(plan.estimatedFinish()).isEqualTo(Instant.parse("2026-12-01T07:00:00Z")); // Tuesday
                                                                                             // 07:00:
                                                                                             // the
                                                                                             // 08:00
                                                                                             // hour
                                                                                             // is
                                                                                             // the
                                                                                             // start's

        campaigns.schedule(campaign.id(), null, null, Actor.system());
        assertThat(engine.startDueCampaigns()).isEqualTo(1);

        assertThat(due("ana")).isEqualTo("CONTACT 2026-11-30T14:00:00Z");
        assertThat(due("cy")).isEqualTo("CONTACT 2026-11-30T20:00:00Z");
        assertThat(due("eve")).isEqualTo("CONTACT 2026-11-30T08:30:00Z");
        assertThat(due("ben")).isEqualTo("AUDIENCE 2026-11-30T08:30:00Z");
        assertThat(due("dee")).isEqualTo("AUDIENCE 2026-11-30T08:30:00Z");

        drain(campaign.id());
        assertThat(sent(campaign.id())).containsExactlyInAnyOrder("ben", "dee", "eve");
        assertThat(campaigns.get(campaign.id()).status()).isEqualTo(CampaignStatus.SENDING);

        clock.set(Instant.parse("2026-11-30T13:59:59Z"));
        drain(campaign.id());
        assertThat(sent(campaign.id())).containsExactlyInAnyOrder("ben", "dee", "eve");

        clock.set(Instant.parse("2026-11-30T14:00:00Z"));
        drain(campaign.id());
        assertThat(sent(campaign.id())).containsExactlyInAnyOrder("ana", "ben", "dee", "eve");
        assertThat(campaigns.get(campaign.id()).status()).isEqualTo(CampaignStatus.SENDING);

        clock.set(Instant.parse("2026-11-30T20:00:00Z"));
        drain(campaign.id());
        assertThat(sent(campaign.id())).hasSize(5);
        assertThat(campaigns.get(campaign.id()).status()).isEqualTo(CampaignStatus.SENT);

        // ana opens the new mail, a scanner opens eve's: one human opener among the three
        // sent at their own hour
        open(campaign.id(), "ana", false);
        open(campaign.id(), "eve", true);
        BestTimeComparison comparison = bestTime.compare(campaign.id());
        assertThat(comparison.bestTime()).isTrue();
        assertThat(comparison.group(SendSlot.CONTACT).sent()).isEqualTo(3);
        assertThat(comparison.group(SendSlot.CONTACT).humanOpeners()).isEqualTo(1);
        assertThat(comparison.group(SendSlot.CONTACT).openRate()).isEqualTo(1.0 / 3);
        assertThat(comparison.group(SendSlot.AUDIENCE).sent()).isEqualTo(2);
        assertThat(comparison.group(SendSlot.AUDIENCE).humanOpeners()).isZero();
        assertThat(comparison.group(SendSlot.PLAIN).sent()).isZero();
    }

    @Test
    void theAudiencesHourLiesLaterInTheWindowAndTheMinimumIsConfigurableInProperties() {
        // only ben's two Wednesday 09:xx opens: too few for his own hour, but they make
        // the audience's hour: everyone is due Monday 09:00, the first 09:00 in the
        // window
        old("ben", "2026-11-18T09:05:00Z", false);
        old("ben", "2026-11-25T09:40:00Z", false);
        CampaignView campaign = bestTimeCampaign("Audience hour");
        campaigns.schedule(campaign.id(), null, null, Actor.system());
        engine.startDueCampaigns();
        for (String name : contactIds.keySet()) {
            assertThat(due(name)).isEqualTo("AUDIENCE 2026-11-30T09:00:00Z");
        }
        drain(campaign.id());
        assertThat(sent(campaign.id())).isEmpty();
        clock.set(Instant.parse("2026-11-30T09:00:00Z"));
        drain(campaign.id());
        assertThat(sent(campaign.id())).hasSize(5);
    }

    @Test
    void withoutAnyHumanOpenEveryoneGoesAtThePlainTime() {
        old("ben", "2026-11-16T03:00:00Z", true);
        CampaignView campaign = bestTimeCampaign("Nobody opened");
        campaigns.schedule(campaign.id(), null, null, Actor.system());
        engine.startDueCampaigns();
        drain(campaign.id());
        assertThat(sent(campaign.id())).hasSize(5);
        assertThat(campaigns.get(campaign.id()).status()).isEqualTo(CampaignStatus.SENT);
        assertThat(bestTime.compare(campaign.id()).group(SendSlot.PLAIN).sent()).isEqualTo(5);
    }

    @Test
    void aPlainCampaignIgnoresOpensAndTheChoiceEndsWithTheStart() {
        earlierOpens();
        CampaignView campaign = campaigns.create(
                new NewCampaign("Plain", templateId, null, new AudienceFilter(Set.of("news"), Set.of(), Set.of())),
                Actor.system());
        campaigns.schedule(campaign.id(), null, null, Actor.system());
        engine.startDueCampaigns();
        drain(campaign.id());
        assertThat(sent(campaign.id())).hasSize(5);
        assertThat(jdbc.queryForObject(
                "SELECT COUNT(*) FROM campaign_recipient WHERE campaign_id = ? AND (due_at IS NOT NULL OR send_slot IS NOT NULL)",
                Long.class, campaign.id()))
            .isZero();
        assertThatThrownBy(() -> bestTime.choose(campaign.id(), true, Actor.system()))
            .isInstanceOf(ConflictException.class)
            .hasMessageContaining("before it starts");
    }

    private void earlierOpens() {
        old("ana", "2026-11-17T14:10:00Z", false);
        old("ana", "2026-11-24T14:50:00Z", false);
        old("ana", "2026-11-18T09:05:00Z", false);
        old("ben", "2026-11-18T09:15:00Z", false);
        old("ben", "2026-11-25T09:20:00Z", false);
        for (int i = 0; i < 5; i++) {
            old("ben", "2026-11-23T03:0" + i + ":00Z", true);
        }
        old("cy", "2026-11-17T07:15:00Z", false);
        old("cy", "2026-11-24T07:45:00Z", false);
        old("cy", "2026-11-16T20:00:00Z", false);
        old("cy", "2026-11-23T20:30:00Z", false);
        old("eve", "2026-11-16T08:01:00Z", false);
        old("eve", "2026-11-23T08:59:00Z", false);
        old("eve", "2026-11-09T08:30:00Z", false);
    }

    private CampaignView bestTimeCampaign(String name) {
        CampaignView campaign = campaigns.create(
                new NewCampaign(name, templateId, null, new AudienceFilter(Set.of("news"), Set.of(), Set.of())),
                Actor.system());
        bestTime.choose(campaign.id(), true, Actor.system());
        return campaign;
    }

    /** An open of an earlier campaign's mail, each in a campaign of its own. */
    private void old(String name, String at, boolean machine) {
        long campaignId = jdbc.queryForObject("SELECT COUNT(*) FROM campaign", Long.class) + 900_000_000L;
        jdbc.update(
                "INSERT INTO campaign (id, name, template_id, audience, status, created_at, updated_at) "
                        + "VALUES (?, ?, ?, '{}', 'SENT', ?, ?)",
                campaignId, "Old " + campaignId, templateId, Timestamp.from(START.minus(Duration.ofDays(30))),
                Timestamp.from(START.minus(Duration.ofDays(30))));
        long recipientId = campaignId;
        jdbc.update(
                "INSERT INTO campaign_recipient (id, campaign_id, contact_id, email, status, attempts, created_at) "
                        + "VALUES (?, ?, ?, ?, 'SENT', 1, ?)",
                recipientId, campaignId, contactIds.get(name), name + "@example.net",
                Timestamp.from(START.minus(Duration.ofDays(30))));
        jdbc.update(
                "INSERT INTO tracking_event (recipient_id, campaign_id, kind, occurred_at, machine) "
                        + "VALUES (?, ?, 'OPEN', ?, ?)",
                recipientId, campaignId, Timestamp.from(Instant.parse(at)), machine);
    }

    private void open(long campaignId, String name, boolean machine) {
        long recipientId = jdbc.queryForObject(
                "SELECT id FROM campaign_recipient WHERE campaign_id = ? AND contact_id = ?", Long.class, campaignId,
                contactIds.get(name));
        jdbc.update(
                "INSERT INTO tracking_event (recipient_id, campaign_id, kind, occurred_at, machine) "
                        + "VALUES (?, ?, 'OPEN', ?, ?)",
                recipientId, campaignId, Timestamp.from(clock.instant()), machine);
    }

    private String due(String name) {
        return jdbc.queryForObject(
                "SELECT send_slot, due_at FROM campaign_recipient r JOIN campaign c ON c.id = "
                        + "r.campaign_id WHERE c.status = 'SENDING' AND r.contact_id = ?",
                (rs, i) -> rs.getString(1) + " " + rs.getTimestamp(2).toInstant(), contactIds.get(name));
    }

    private java.util.List<String> sent(long campaignId) {
        return jdbc.queryForList("SELECT c.first_name FROM campaign_recipient r JOIN contact c ON c.id = r.contact_id "
                + "WHERE r.campaign_id = ? AND r.status = 'SENT'", String.class, campaignId);
    }

    private void drain(long campaignId) {
        while (engine.runBatch(campaignId)) {
            // until nothing is due
        }
    }

}
