package lux.journeys;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import lux.audit.Actor;
import lux.audit.Channel;
import lux.contacts.ContactService;
import lux.contacts.ContactView;
import lux.shared.LuxException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The step engine: claims due enrolments, runs each one's current step once, writes where
 * it goes next under the claim. One step per claim; safe on several instances at once.
 */
@Component
public class JourneyEngine {

    private static final Logger log = LoggerFactory.getLogger(JourneyEngine.class);

    private static final Actor JOURNEY = new Actor(null, "journey", Channel.SYSTEM);

    private final EnrolmentStore store;

    private final JourneyStore journeys;

    private final SendStep sends;

    private final StepMail mail;

    private final ContactService contacts;

    private final JdbcTemplate jdbc;

    private final TransactionTemplate tx;

    private final JourneyProperties properties;

    private final Clock clock;

    private final ExecutorService loops;

    JourneyEngine(EnrolmentStore store, JourneyStore journeys, SendStep sends, StepMail mail, ContactService contacts,
            JdbcTemplate jdbc, TransactionTemplate tx, JourneyProperties properties, Clock clock) {
        this.store = store;
        this.journeys = journeys;
        this.sends = sends;
        this.mail = mail;
        this.contacts = contacts;
        this.jdbc = jdbc;
        this.tx = tx;
        this.properties = properties;
        this.clock = clock;
        this.loops = Executors.newFixedThreadPool(Math.max(1, properties.parallelBatches() - 1), r -> {
            Thread t = new Thread(r, "lux-journey-batch");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Runs batches until nothing is due or {@code budget} is spent; returns steps run.
     */
    public long work(Duration budget) {
        Instant end = Instant.now().plus(budget);
        List<Future<Long>> running = new ArrayList<>();
        for (int i = 1; i < properties.parallelBatches(); i++) {
            running.add(loops.submit(() -> loop(end)));
        }
        long done = loop(end);
        for (Future<Long> f : running) {
            try {
                done += f.get();
            }
            catch (ExecutionException e) {
                log.error("A journey loop failed; the next tick tries again", e.getCause());
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return done;
    }

    private long loop(Instant end) {
        long done = 0;
        while (Instant.now().isBefore(end)) {
            int n = runBatch();
            if (n == 0) {
                break;
            }
            done += n;
        }
        return done;
    }

    /** Claims one batch and runs each enrolment's current step; how many were claimed. */
    public int runBatch() {
        List<ClaimedEnrolment> batch = store.claim(properties.batchSize());
        if (batch.isEmpty()) {
            return 0;
        }
        Map<String, List<ClaimedEnrolment>> groups = new LinkedHashMap<>();
        for (ClaimedEnrolment e : batch) {
            groups.computeIfAbsent(e.journeyId() + "/" + e.version() + "/" + e.position(), k -> new ArrayList<>())
                .add(e);
        }
        // a version's steps never change, but they are read per batch, not kept for the
        // bean's life: an id says nothing across databases (the same engine bean may
        // serve
        // more than one, as the tests' H2 and PostgreSQL runs do)
        Map<String, List<JourneyStore.StoredStep>> versions = new java.util.HashMap<>();
        boolean allRan = true;
        for (List<ClaimedEnrolment> group : groups.values()) {
            try {
                runGroup(group, versions);
            }
            catch (RuntimeException e) {
                // the claims stay until their lease ends, then run again (nothing was
                // written)
                allRan = false;
                log.error("Journey step failed for {} contacts of journey {}", group.size(), group.get(0).journeyId(),
                        e);
            }
        }
        if (allRan) {
            // every enrolment of the claim was moved on or handed back: its lease row
            // goes (one left behind is cleared by the resolver when the lease ends)
            try {
                store.release(batch.get(0).claimToken());
            }
            catch (RuntimeException e) {
                log.warn("Could not release a journey claim; its lease clears it", e);
            }
        }
        return batch.size();
    }

    private void runGroup(List<ClaimedEnrolment> group, Map<String, List<JourneyStore.StoredStep>> versions) {
        ClaimedEnrolment first = group.get(0);
        List<JourneyStore.StoredStep> steps;
        try {
            steps = versions.computeIfAbsent(first.journeyId() + "/" + first.version(),
                    k -> journeys.steps(first.journeyId(), first.version()));
        }
        catch (RuntimeException e) {
            if (group.stream().anyMatch(ClaimedEnrolment::begun)) {
                // the claim began some sends (any position, not only the first's):
                // nothing was sent yet
                sends.giveBack(group);
            }
            throw e;
        }
        Next next = new Next(steps, clock.instant());
        if (first.position() >= steps.size()) {
            store.apply(group.stream()
                .map(e -> new Transition(e, "DONE", e.position(), null, 0, null, null, null, null))
                .toList());
            return;
        }
        JourneyStore.StoredStep step = steps.get(first.position());
        JourneyStep kind = step.step();
        if (kind instanceof JourneyStep.Send) {
            sends.run(group, step, next);
            return;
        }
        List<Transition> transitions = new ArrayList<>();
        if (kind instanceof JourneyStep.Wait w) {
            Instant until = WaitRule.after(next.now(), w.duration());
            group.forEach(e -> transitions
                .add(next.to(e, step, step.position() + 1, until, "DONE", null, "waited until " + until)));
        }
        else if (kind instanceof JourneyStep.WaitUntil w) {
            String zone = jdbc.queryForObject("SELECT time_zone FROM journey WHERE id = ?", String.class,
                    first.journeyId());
            Map<Long, ContactView> people = mail.contacts(group.stream().map(ClaimedEnrolment::contactId).toList());
            for (ClaimedEnrolment e : group) {
                ContactView c = people.get(e.contactId());
                ZoneId z = WaitRule.zone(c == null ? null : c.attributes().get("time_zone"), zone);
                Instant until = WaitRule.nextWindow(next.now(), w.days(), w.time(), z);
                transitions.add(next.to(e, step, step.position() + 1, until, "DONE", null,
                        "waited until " + until + " (" + z + ")"));
            }
        }
        else if (kind instanceof JourneyStep.Branch b) {
            Set<Long> engaged = engaged(group, b.on());
            for (ClaimedEnrolment e : group) {
                boolean yes = e.lastRecipientId() != null && engaged.contains(e.lastRecipientId());
                Integer target = yes ? b.ifYes() : b.ifNo();
                transitions.add(next.to(e, step, target == null ? step.position() + 1 : target, next.now(),
                        yes ? "YES" : "NO", null, null));
            }
        }
        else if (kind instanceof JourneyStep.AddTag || kind instanceof JourneyStep.RemoveTag) {
            tx.executeWithoutResult(s -> {
                tag(group, kind);
                group.forEach(e -> transitions.add(next.after(e, step, "DONE", null, null)));
                store.apply(transitions);
            });
            return;
        }
        else {
            group.forEach(e -> transitions.add(next.after(e, step, "DONE", null, null)));
        }
        store.apply(transitions);
    }

    /** The previous mails of these contacts that a person opened (or clicked). */
    private Set<Long> engaged(List<ClaimedEnrolment> group, Engagement on) {
        List<Long> ids = group.stream().map(ClaimedEnrolment::lastRecipientId).filter(id -> id != null).toList();
        Set<Long> engaged = new HashSet<>();
        if (ids.isEmpty()) {
            return engaged;
        }
        engaged.addAll(
                jdbc.queryForList("SELECT id FROM campaign_recipient WHERE " + on.column() + " IS NOT NULL AND id IN ("
                        + EnrolmentStore.placeholders(ids.size()) + ")", Long.class, ids.toArray()));
        return engaged;
    }

    private void tag(List<ClaimedEnrolment> group, JourneyStep kind) {
        List<Long> ids = group.stream().map(ClaimedEnrolment::contactId).toList();
        if (kind instanceof JourneyStep.AddTag add) {
            contacts.tag(ids, Set.of(add.tag()), JOURNEY); // may enrol them in other
                                                           // journeys
        }
        else {
            try {
                contacts.untag(ids, Set.of(((JourneyStep.RemoveTag) kind).tag()), JOURNEY);
            }
            catch (LuxException e) {
                // the tag no longer exists: nobody has it, which is what the step wants
            }
        }
    }

    /** Enrolments whose worker died: run again, or (a send begun) recorded as unknown. */
    public int resolveExpiredLeases() {
        int n = store.resolveExpiredLeases(properties.lease());
        if (n > 0) {
            log.warn("{} journey steps were left running by a stopped worker; sends among them are not repeated", n);
        }
        return n;
    }

    @jakarta.annotation.PreDestroy
    void shutdown() {
        loops.shutdown();
    }

}
