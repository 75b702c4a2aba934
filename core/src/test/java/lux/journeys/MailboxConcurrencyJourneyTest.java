package lux.journeys;

import static lux.journeys.JourneyTestSupport.SENT;
import static lux.journeys.JourneyTestSupport.contact;
import static lux.journeys.JourneyTestSupport.template;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import lux.audit.Actor;
import lux.contacts.ContactService;
import lux.templates.TemplateService;
import lux.testsupport.CoreTestApplication;
import lux.testsupport.DatabaseCleaner;
import lux.testsupport.DatabaseTest;
import lux.testsupport.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A transport that sends one by one under a mailbox's limit of concurrent requests: each
 * message of a batch goes as soon as a request slot is free (as campaign batches do), so
 * one batch sends all of them instead of holding its slots until every message was
 * admitted and handing the rest back.
 */
@DatabaseTest
@SpringBootTest(classes = CoreTestApplication.class,
        properties = { "lux.delivery.limits.enabled=true", "lux.delivery.limits.concurrent=1",
                "lux.delivery.worker-threads=4", "lux.journeys.batch-size=10", "lux.journeys.parallel-batches=1" })
@Import(JourneyTestSupport.class)
class MailboxConcurrencyJourneyTest {

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
        JourneyTestSupport.sendMillis = 50;
    }

    @AfterEach
    void fast() {
        JourneyTestSupport.sendMillis = 0;
    }

    @Test
    void oneRequestAtATimeStillSendsTheWholeBatch() {
        long welcome = template(templates, "Welcome");
        journeys.create(new NewJourney("One at a time", Trigger.tagAdded("one"),
                List.of(new JourneyStep.Send(welcome, "Welcome")), null), Actor.system());
        for (int i = 0; i < 6; i++) {
            contact(contacts, "one" + i + "@example.net", Map.of(), "one");
        }
        assertThat(engine.runBatch()).isEqualTo(6);
        assertThat(SENT).hasSize(6);
        assertThat(SENT.stream().map(m -> m.to()).distinct().count()).isEqualTo(6);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM campaign_recipient WHERE status = 'SENT'", Long.class))
            .isEqualTo(6);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM journey_enrolment WHERE status = 'DONE'", Long.class))
            .isEqualTo(6);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM journey_step_run WHERE outcome = 'SENT'", Long.class))
            .isEqualTo(6);
    }

}
