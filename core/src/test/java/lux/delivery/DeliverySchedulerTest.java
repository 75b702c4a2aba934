package lux.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import lux.campaigns.CampaignService;
import lux.campaigns.CampaignStatus;
import lux.campaigns.CampaignView;
import lux.contacts.ContactService;
import lux.delivery.outbox.OutboxService;
import lux.templates.TemplateService;
import lux.testsupport.CoreTestApplication;
import lux.testsupport.DatabaseCleaner;
import lux.testsupport.DatabaseTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The scheduler on its own: a campaign scheduled for now leaves without anyone calling
 * the engine.
 */
@DatabaseTest
@SpringBootTest(classes = CoreTestApplication.class,
        properties = { "lux.delivery.enabled=true", "lux.delivery.tick=200ms", "lux.delivery.limits.enabled=false" })
@DirtiesContext // a ticking scheduler must not outlive this class and start other tests'
                // campaigns
class DeliverySchedulerTest {

    @Autowired
    CampaignService campaigns;

    @Autowired
    ContactService contacts;

    @Autowired
    TemplateService templates;

    @Autowired
    OutboxService outbox;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aDueCampaignIsStartedAndSentByTheScheduler() throws Exception {
        DatabaseCleaner.clean(jdbc);
        DeliveryFixture.contacts(contacts, "sched", 3, "sched");
        CampaignView campaign = DeliveryFixture.scheduledNow(campaigns, DeliveryFixture.template(templates, "sched"),
                "Scheduled", "sched", null);
        long deadline = System.currentTimeMillis() + 60_000;
        while (campaigns.get(campaign.id()).status() != CampaignStatus.SENT && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
        }
        assertThat(campaigns.get(campaign.id()).status()).isEqualTo(CampaignStatus.SENT);
        assertThat(outbox.count(campaign.id())).isEqualTo(3);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM shedlock WHERE name = 'lux-delivery-start'", Long.class))
            .isEqualTo(1L);
    }

}
