package lux.journeys;

import static lux.journeys.JourneyTestSupport.SENT;
import static lux.journeys.JourneyTestSupport.contact;
import static lux.journeys.JourneyTestSupport.template;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import lux.audit.Actor;
import lux.contacts.ContactService;
import lux.templates.TemplateService;
import lux.testsupport.CoreTestApplication;
import lux.testsupport.DatabaseCleaner;
import lux.testsupport.DatabaseTest;
import lux.testsupport.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Journey mail counts against the same per-mailbox limits as campaigns (held in the
 * database): over the minute's limit, the rest wait for the next minute and nothing is
 * written for them meanwhile.
 */
@DatabaseTest
@SpringBootTest(classes = CoreTestApplication.class,
        properties = { "lux.delivery.limits.enabled=true", "lux.delivery.limits.per-minute=2",
                "lux.journeys.batch-size=10", "lux.journeys.parallel-batches=1" })
@Import(JourneyTestSupport.class)
class MailboxLimitsJourneyTest {

    @Autowired
    JourneyService journeys;

    @Autowired
    JourneyEngine engine;

    @Autowired
    ContactService contacts;

    @Autowired
    TemplateService templates;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MutableClock clock;

    @BeforeEach
    void clean() {
        DatabaseCleaner.clean(jdbc);
        SENT.clear();
        clock.set(JourneyTestSupport.MONDAY);
    }

    @Test
    void theMinutesLimitHoldsTheRestBackUntilTheNextMinute() {
        long welcome = template(templates, "Welcome");
        journeys.create(new NewJourney("Limited", Trigger.tagAdded("lim"),
                List.of(new JourneyStep.Send(welcome, "Welcome")), null), Actor.system());
        for (int i = 0; i < 5; i++) {
            contact(contacts, "lim" + i + "@example.net", Map.of(), "lim");
        }
        engine.work(Duration.ofSeconds(30));
        assertThat(SENT).hasSize(2);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM campaign_recipient", Long.class)).isEqualTo(2);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM journey_enrolment WHERE status = 'WAITING'", Long.class))
            .isEqualTo(3);

        clock.advance(Duration.ofSeconds(61));
        engine.work(Duration.ofSeconds(30));
        assertThat(SENT).hasSize(4);
        clock.advance(Duration.ofSeconds(61));
        engine.work(Duration.ofSeconds(30));
        assertThat(SENT).hasSize(5);
        assertThat(SENT.stream().map(m -> m.to()).distinct().count()).isEqualTo(5);
    }

}
