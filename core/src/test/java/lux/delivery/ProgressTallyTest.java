package lux.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import lux.campaigns.CampaignService;
import lux.campaigns.CampaignView;
import lux.contacts.ContactService;
import lux.templates.TemplateService;
import lux.testsupport.CoreTestApplication;
import lux.testsupport.DatabaseCleaner;
import lux.testsupport.DatabaseTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Progress after each batch: this instance's outcomes added to the last counters read,
 * which are re-read about once a second.
 */
@DatabaseTest
@SpringBootTest(classes = CoreTestApplication.class, properties = "lux.delivery.enabled=false")
class ProgressTallyTest {

    @Autowired
    CampaignService campaigns;

    @Autowired
    ContactService contacts;

    @Autowired
    TemplateService templates;

    @Autowired
    AudienceMaterialiser audiences;

    @Autowired
    RecipientStore store;

    @Autowired
    JdbcTemplate jdbc;

    /**
     * The tally's time source, moved by hand: only the differences between readings
     * matter to it.
     */
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    private ProgressTally tally;

    @BeforeEach
    void clean() {
        DatabaseCleaner.clean(jdbc);
        tally = new ProgressTally(campaigns, nanos::get);
    }

    @Test
    void addsOwnOutcomesBetweenReadsAndReadsTheRowsAgainAfterASecond() {
        DeliveryFixture.contacts(contacts, "tally", 6, "tally");
        CampaignView campaign = DeliveryFixture.scheduledNow(campaigns, DeliveryFixture.template(templates, "tally"),
                "Tally", "tally", null);
        audiences.materialise(campaign.id());

        List<ClaimedRecipient> first = store.claim(campaign.id(), 2);
        List<Outcome> firstOutcomes = List.of(Outcome.sent(first.get(0), "p0"), Outcome.failed(first.get(1), "550"));
        store.record(firstOutcomes);
        CampaignView afterFirst = tally.afterBatch(campaign.id(), firstOutcomes); // nothing
                                                                                  // read
                                                                                  // yet:
                                                                                  // read
                                                                                  // the
                                                                                  // rows
        assertThat(List.of(afterFirst.recipientsTotal(), afterFirst.sentCount(), afterFirst.failedCount(),
                afterFirst.skippedCount()))
            .containsExactly(6, 1, 1, 0);

        // another instance's outcome, written but not this instance's: not seen until the
        // next read of the rows
        ClaimedRecipient elsewhere = store.claim(campaign.id(), 1).get(0);
        store.record(List.of(Outcome.sent(elsewhere, "other-instance")));
        List<ClaimedRecipient> second = store.claim(campaign.id(), 2);
        List<Outcome> secondOutcomes = List.of(Outcome.sent(second.get(0), "p1"),
                Outcome.skipped(second.get(1), "contact deleted"));
        store.record(secondOutcomes);
        nanos.addAndGet(Duration.ofMillis(999).toNanos());
        CampaignView afterSecond = tally.afterBatch(campaign.id(), secondOutcomes);
        assertThat(List.of(afterSecond.sentCount(), afterSecond.failedCount(), afterSecond.skippedCount(),
                afterSecond.remaining()))
            .containsExactly(2, 1, 1, 2);

        nanos.addAndGet(Duration.ofMillis(1).toNanos()); // a second since the last read:
                                                         // the rows again, every
                                                         // instance's outcome in them
        CampaignView afterThird = tally.afterBatch(campaign.id(), List.of());
        assertThat(List.of(afterThird.sentCount(), afterThird.failedCount(), afterThird.skippedCount(),
                afterThird.remaining()))
            .containsExactly(3, 1, 1, 1);
        assertThat(campaigns.get(campaign.id()).sentCount()).isEqualTo(3); // the read
                                                                           // stored the
                                                                           // counters too
    }

    @Test
    void aForgottenCampaignStartsAgainFromTheRows() {
        DeliveryFixture.contacts(contacts, "again", 2, "again");
        CampaignView campaign = DeliveryFixture.scheduledNow(campaigns, DeliveryFixture.template(templates, "again"),
                "Again", "again", null);
        audiences.materialise(campaign.id());
        assertThat(tally.afterBatch(campaign.id(), List.of()).sentCount()).isZero();
        List<ClaimedRecipient> both = store.claim(campaign.id(), 2);
        store.record(List.of(Outcome.sent(both.get(0), "a"), Outcome.sent(both.get(1), "b")));

        tally.forget(campaign.id());
        assertThat(tally.afterBatch(campaign.id(), List.of()).sentCount()).isEqualTo(2); // read
                                                                                         // at
                                                                                         // once,
                                                                                         // not
                                                                                         // a
                                                                                         // second
                                                                                         // later
    }

    @Test
    void rowsAreReadAtMostEverySecondAndNeverMoreThanOneTwentiethOfTheTime() {
        long second = ProgressTally.REFRESH_EVERY_NANOS;
        assertThat(ProgressTally.refreshDue(second - 1, 0)).isFalse();
        assertThat(ProgressTally.refreshDue(second, 0)).isTrue();
        // a read that took 100 ms waits 2 s, so counting stays at 5% of the time
        long slowRead = Duration.ofMillis(100).toNanos();
        assertThat(ProgressTally.refreshDue(Duration.ofMillis(1999).toNanos(), slowRead)).isFalse();
        assertThat(ProgressTally.refreshDue(Duration.ofMillis(2000).toNanos(), slowRead)).isTrue();
    }

}
