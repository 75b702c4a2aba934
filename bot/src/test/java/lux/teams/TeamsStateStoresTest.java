package lux.teams;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import lux.audit.Actor;
import lux.campaigns.CampaignService;
import lux.campaigns.NewCampaign;
import lux.contacts.AudienceFilter;
import lux.contacts.ContactService;
import lux.contacts.NewContact;
import lux.templates.TemplateContent;
import lux.templates.TemplateService;
import lux.testsupport.DatabaseCleaner;
import lux.testsupport.DatabaseTest;
import lux.testsupport.MutableClock;
import net.javacrumbs.shedlock.core.LockProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The Teams state every instance shares through the database: chart images that expire
 * and are purged, and the spacing of card updates, claimed by one instance at a time. Two
 * store objects over one database stand for two instances; each has its own clock.
 */
@DatabaseTest
@SpringBootTest(classes = BotTestApplication.class, properties = "lux.delivery.enabled=false")
class TeamsStateStoresTest {

    static final Instant NOW = Instant.parse("2026-11-26T09:00:00Z");
    static final Duration INTERVAL = Duration.ofSeconds(3);

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    LockProvider locks;

    @Autowired
    ContactService contacts;

    @Autowired
    TemplateService templates;

    @Autowired
    CampaignService campaigns;

    final MutableClock clock = new MutableClock(NOW);

    @BeforeEach
    void cleanSlate() {
        DatabaseCleaner.clean(jdbc);
    }

    @Test
    void aChartIsServedByAnyInstanceForADayThenPurged() {
        ChartStore one = new ChartStore(jdbc, clock);
        ChartStore other = new ChartStore(jdbc, clock);
        byte[] png = { (byte) 0x89, 'P', 'N', 'G', 1, 2, 3 };
        String id = one.put(png);
        String second = one.put(png);
        assertThat(id).matches("[0-9a-f]{32}").isNotEqualTo(second);
        assertThat(other.get(id)).hasValue(png);
        assertThat(other.get("0".repeat(32))).isEmpty();

        clock.advance(ChartStore.KEEP.minusSeconds(1));
        assertThat(other.get(id)).as("just under a day old").isPresent();
        clock.advance(Duration.ofSeconds(1));
        assertThat(other.get(id)).as("a day old: expired, even before the purge").isEmpty();

        String fresh = one.put(png);
        new TeamsStateCleanup(other, new ShownCards(jdbc, clock), locks).purge();
        assertThat(jdbc.queryForList("SELECT id FROM teams_chart", String.class)).containsExactly(fresh);
    }

    @Test
    void aProgressCardIsUpdatedOncePerIntervalWhicheverInstanceAsks() {
        long campaign = campaign();
        ShownCards one = new ShownCards(jdbc, clock);
        ShownCards other = new ShownCards(jdbc, clock);
        assertThat(one.claimProgressUpdate(campaign, INTERVAL)).as("no card shown yet: nothing to update").isFalse();
        one.saveProgressCard(campaign, "conv-1", "activity-1");
        assertThat(other.progressCards(campaign)).containsExactly(new ShownCards.Shown("conv-1", "activity-1"));

        assertThat(other.claimProgressUpdate(campaign, INTERVAL)).as("the first progress report").isTrue();
        clock.advance(INTERVAL.minusMillis(1));
        assertThat(one.claimProgressUpdate(campaign, INTERVAL)).as("too soon, though on the other instance").isFalse();
        clock.advance(Duration.ofMillis(1));
        assertThat(one.claimProgressUpdate(campaign, INTERVAL)).isTrue();
        assertThat(other.claimProgressUpdate(campaign, INTERVAL)).isFalse();

        other.progressFinished(campaign);
        assertThat(one.claimProgressUpdate(campaign, INTERVAL)).as("a later run starts afresh").isTrue();
    }

    @Test
    void anImportCardIsContinuedByAnyInstanceAndForgottenWhenDoneOrIdle() {
        ShownCards one = new ShownCards(jdbc, clock);
        ShownCards other = new ShownCards(jdbc, clock);
        one.saveImportCard(7, new ShownCards.Shown("conv-1", "activity-9"));
        assertThat(other.importCard(7)).hasValue(new ShownCards.Shown("conv-1", "activity-9"));
        assertThat(other.claimImportUpdate(7, INTERVAL)).as("just posted").isFalse();
        clock.advance(INTERVAL);
        assertThat(other.claimImportUpdate(7, INTERVAL)).isTrue();
        assertThat(one.claimImportUpdate(7, INTERVAL)).isFalse();
        one.forgetImportCard(7);
        assertThat(other.importCard(7)).isEmpty();

        one.saveImportCard(8, new ShownCards.Shown("conv-1", "activity-10"));
        clock.advance(TeamsStateCleanup.IDLE_IMPORT_CARD.minusSeconds(1));
        one.saveImportCard(9, new ShownCards.Shown("conv-1", "activity-11"));
        clock.advance(Duration.ofSeconds(2));
        new TeamsStateCleanup(new ChartStore(jdbc, clock), other, locks).purge();
        assertThat(other.importCard(8)).as("idle for a day: its import's instance stopped").isEmpty();
        assertThat(other.importCard(9)).isPresent();
    }

    private long campaign() {
        contacts.create(new NewContact("ana@example.com", "Ana", null, null, null, java.util.Set.of("vip"), null),
                Actor.system());
        long template = templates.create(new TemplateContent("T", "Hi", "<p>Hi</p>", null), Actor.system()).id();
        return campaigns.create(new NewCampaign("Stores", template, null, AudienceFilter.anyOf("vip")), Actor.system())
            .id();
    }

}
