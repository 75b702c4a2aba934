package lux.journeys;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import lux.audit.Actor;
import lux.audit.AuditService;
import lux.shared.ConflictException;
import lux.shared.DuplicateException;
import lux.shared.NotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The public face of journeys: create, edit (a new version; contacts in flight finish the
 * version they started), pause, resume, delete, and their numbers. Chat, console and API
 * all call this.
 */
@Service
public class JourneyService {

    private final JourneyStore store;

    private final Enrolments enrolments;

    private final JourneyStatsQuery stats;

    private final AuditService audit;

    private final Clock clock;

    JourneyService(JourneyStore store, Enrolments enrolments, JourneyStatsQuery stats, AuditService audit,
            Clock clock) {
        this.store = store;
        this.enrolments = enrolments;
        this.stats = stats;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Creates an active journey. A tag journey is for contacts who get the tag from now
     * on; a "created" journey for contacts created from now on.
     */
    @Transactional
    public JourneyView create(NewJourney request, Actor actor) {
        NewJourney journey = check(request);
        long id = store.insert(journey, JourneyStatus.ACTIVE, actor.userId(), clock.instant());
        JourneyView created = get(id);
        if (journey.trigger().kind() == TriggerKind.TAG_ADDED) {
            enrolments.excludeCurrentHolders(created);
        }
        audit.record(actor, "journey.create", "journey", id, journey.name());
        return created;
    }

    /**
     * The journey as it would be created, or the reason it cannot be (for a card shown
     * before it is).
     */
    @Transactional(readOnly = true)
    public NewJourney check(NewJourney request) {
        NewJourney journey = JourneyRules.check(request);
        if (store.findByName(journey.name()).isPresent()) {
            throw new DuplicateException("name", "A journey called \"" + journey.name() + "\" already exists.");
        }
        return journey;
    }

    /** New steps as a new version; the trigger and name stay. */
    @Transactional
    public JourneyView edit(long id, List<JourneyStep> steps, Actor actor) {
        JourneyView current = get(id);
        NewJourney checked = JourneyRules
            .check(new NewJourney(current.name(), current.trigger(), steps, current.timeZone()));
        int version = store.addVersion(id, current.name(), checked.steps(), clock.instant());
        audit.record(actor, "journey.edit", "journey", id, current.name() + " v" + version);
        return get(id);
    }

    @Transactional
    public JourneyView pause(long id, Actor actor) {
        return move(id, JourneyStatus.ACTIVE, JourneyStatus.PAUSED, "journey.pause", actor);
    }

    @Transactional
    public JourneyView resume(long id, Actor actor) {
        return move(id, JourneyStatus.PAUSED, JourneyStatus.ACTIVE, "journey.resume", actor);
    }

    private JourneyView move(long id, JourneyStatus from, JourneyStatus to, String action, Actor actor) {
        JourneyView j = get(id);
        if (!store.setStatus(id, from, to, clock.instant())) {
            throw new ConflictException(
                    "The journey \"" + j.name() + "\" is " + j.status().label() + ", not " + from.label() + ".");
        }
        audit.record(actor, action, "journey", id, j.name());
        return get(id);
    }

    /** Deletes the journey and its contacts' progress; mails already sent stay sent. */
    @Transactional
    public void delete(long id, Actor actor) {
        JourneyView j = get(id);
        store.delete(id);
        audit.record(actor, "journey.delete", "journey", id, j.name());
    }

    @Transactional(readOnly = true)
    public JourneyView get(long id) {
        return store.find(id).orElseThrow(() -> new NotFoundException("Journey", id));
    }

    /** The journey called {@code name} (any case), or "#12" / "12" as an id. */
    @Transactional(readOnly = true)
    public JourneyView byName(String name) {
        String wanted = name == null ? "" : name.strip();
        return store.findByName(wanted)
            .or(() -> wanted.matches("#?\\d+") ? store.find(Long.parseLong(wanted.replace("#", "")))
                    : java.util.Optional.empty())
            .orElseThrow(() -> new NotFoundException("Journey", "\"" + wanted + "\""));
    }

    @Transactional(readOnly = true)
    public List<JourneyView> list() {
        return store.list();
    }

    /** Numbers per step of the current version (or {@code version}). */
    @Transactional(readOnly = true)
    public JourneyStats stats(long id, Integer version) {
        JourneyView j = get(id);
        return stats.of(j, version == null ? j.version() : version);
    }

    Instant now() {
        return clock.instant();
    }

}
