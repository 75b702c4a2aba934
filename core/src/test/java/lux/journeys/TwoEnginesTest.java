package lux.journeys;

import static lux.journeys.JourneyTestSupport.PER_INSTANCE;
import static lux.journeys.JourneyTestSupport.SENT;
import static lux.journeys.JourneyTestSupport.template;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.stream.Collectors;
import lux.audit.Actor;
import lux.contacts.ContactService;
import lux.contacts.NewContact;
import lux.templates.TemplateService;
import lux.testsupport.CoreTestApplication;
import lux.testsupport.DatabaseCleaner;
import lux.testsupport.DatabaseTest;
import lux.testsupport.MutableClock;
import lux.testsupport.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two LUX instances on one database run one journey (send, wait, send) for 200 contacts
 * at the same time: every step runs exactly once per contact, and both instances take
 * part.
 */
@DatabaseTest
@SpringBootTest(classes = CoreTestApplication.class,
        properties = { "lux.delivery.limits.enabled=false", "lux.journeys.batch-size=10",
                "lux.journeys.parallel-batches=2" })
@Import(JourneyTestSupport.class)
class TwoEnginesTest {

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
        PER_INSTANCE.clear();
        clock.set(JourneyTestSupport.MONDAY);
    }

    @Test
    void everyStepRunsExactlyOncePerContactAcrossTwoInstances() throws Exception {
        long welcome = template(templates, "Welcome");
        long tips = template(templates, "Tips");
        journeys.create(
                new NewJourney("Two", Trigger.tagAdded("two"), List.of(new JourneyStep.Send(welcome, "Welcome"),
                        new JourneyStep.Wait(Duration.ofHours(1)), new JourneyStep.Send(tips, "Tips")), null),
                Actor.system());
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            ids.add(contacts
                .create(new NewContact("two" + i + "@example.net", "N" + i, null, null, Map.of(), Set.of(), "test"),
                        Actor.system())
                .id());
        }
        contacts.tag(ids, Set.of("two"), Actor.system());

        Map<String, Object> props = new HashMap<>(Map.of("lux.delivery.limits.enabled", "false",
                "lux.journeys.batch-size", "10", "lux.journeys.parallel-batches", "2"));
        try (ConfigurableApplicationContext second = new SpringApplicationBuilder(CoreTestApplication.class,
                JourneyTestSupport.class)
            .web(WebApplicationType.NONE)
            .initializers(new TestDatabase())
            .properties(props)
            .run()) {
            JourneyEngine other = second.getBean(JourneyEngine.class);
            MutableClock otherClock = second.getBean(MutableClock.class);
            otherClock.set(clock.instant());
            assertThat(other).isNotSameAs(engine);
            // one batch each first, so both instances certainly take part (a warm
            // instance
            // could otherwise take every batch before the cold one claims its first);
            // then
            // both race for the rest
            assertThat(other.runBatch()).as("the second instance claims a batch").isPositive();
            assertThat(engine.runBatch()).as("the first instance claims one too").isPositive();
            JourneyTestSupport.sendMillis = 10;
            try {
                race(engine, other);
            }
            finally {
                JourneyTestSupport.sendMillis = 0;
            }
            assertThat(SENT).hasSize(200);
            clock.advance(Duration.ofHours(1));
            otherClock.advance(Duration.ofHours(1));
            race(engine, other);
        }

        assertThat(PER_INSTANCE).as("both instances sent part of it").hasSize(2);
        Map<String, Long> perMail = SENT.stream()
            .collect(Collectors.groupingBy(m -> m.to() + " " + m.subject().split(" ")[0], Collectors.counting()));
        assertThat(perMail).hasSize(400);
        assertThat(perMail.values()).allMatch(n -> n == 1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM journey_step_run", Long.class)).isEqualTo(600);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM campaign_recipient WHERE status = 'SENT'", Long.class))
            .isEqualTo(400);
        assertThat(jdbc.queryForList("SELECT DISTINCT status FROM journey_enrolment WHERE status <> 'EXCLUDED'",
                String.class))
            .containsExactly("DONE");
        assertThat(SENT.stream().map(m -> m.luxMessageId()).distinct().count()).isEqualTo(400);
        assertThat(SENT.stream().collect(Collectors.toMap(m -> m.luxMessageId(), Function.identity()))).hasSize(400);
    }

    /**
     * Both engines at once, on their own threads (the common pool has one on 2 cores).
     */
    private static void race(JourneyEngine a, JourneyEngine b) throws Exception {
        ExecutorService two = Executors.newFixedThreadPool(2);
        try {
            CompletableFuture<Long> x = CompletableFuture.supplyAsync(() -> a.work(Duration.ofSeconds(60)), two);
            CompletableFuture<Long> y = CompletableFuture.supplyAsync(() -> b.work(Duration.ofSeconds(60)), two);
            CompletableFuture.allOf(x, y).get();
        }
        finally {
            two.shutdown();
        }
    }

}
