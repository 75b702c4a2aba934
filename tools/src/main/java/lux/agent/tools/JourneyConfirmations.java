package lux.agent.tools;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import lux.agent.AgentOutput;
import lux.agent.AgentProperties;
import lux.agent.ConfirmationKind;
import lux.audit.Actor;
import lux.journeys.JourneyDrafts;
import lux.journeys.JourneyService;
import lux.journeys.JourneyStep;
import lux.journeys.JourneyView;
import lux.journeys.NewJourney;
import lux.shared.InvalidInputException;
import lux.suppression.SuppressionService;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Starting a journey behind the confirmation gate ({@link ConfirmationSpends}'s nonce
 * table and spend): the tool only shows the steps on a card; the journey starts when the
 * same person presses Confirm. The card's row keeps the journey as shown, so what starts
 * is exactly what the card listed, whatever the model says afterwards.
 */
@Service
public class JourneyConfirmations {

    private final ConfirmationSpends confirmations;

    private final JourneyService journeys;

    private final JourneyDrafts drafts;

    private final JdbcTemplate jdbc;

    private final AgentProperties properties;

    private final Clock clock;

    private final SecureRandom random = new SecureRandom();

    JourneyConfirmations(ConfirmationSpends confirmations, JourneyService journeys, JourneyDrafts drafts,
            JdbcTemplate jdbc, AgentProperties properties, Clock clock) {
        this.confirmations = confirmations;
        this.journeys = journeys;
        this.drafts = drafts;
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    /** The journey as the card shows it and Confirm creates it. */
    record Plan(String name, String trigger, List<String> steps, String timeZone) {
    }

    /** Checks the journey (templates exist, steps make sense) and shows it on a card. */
    @Transactional
    public AgentOutput.JourneyConfirmation request(Actor actor, String name, String trigger, List<String> steps,
            String timeZone) {
        NewJourney checked = journeys.check(drafts.draft(name, trigger, steps, timeZone));
        String target = ConfirmationTargets.targetJson(new Plan(checked.name(), trigger, steps, checked.timeZone()));
        if (target.length() > 2000) {
            throw new InvalidInputException("steps",
                    "That journey is too long for a card; build it in the console (Journeys) instead.");
        }
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        String nonce = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = clock.instant();
        Instant expires = now.plus(properties.confirmationTtl());
        jdbc.update(
                "INSERT INTO agent_confirmation (nonce_hash, user_id, kind, expires_at, created_at, target, note) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?)",
                SuppressionService.hash(nonce), actor.userId(), ConfirmationKind.CREATE_JOURNEY.name(),
                Timestamp.from(expires), Timestamp.from(now), target, checked.name());
        return new AgentOutput.JourneyConfirmation(nonce, checked.name(), checked.trigger(), checked.steps(),
                checked.timeZone(), expires);
    }

    /**
     * Presses Confirm: only the person the card was made for, once, before it expires.
     */
    @Transactional
    public JourneyView confirm(String nonce, Actor actor) {
        Plan plan = ConfirmationTargets.target(confirmations.spend(nonce, actor, "CONFIRMED"), Plan.class,
                ConfirmationKind.CREATE_JOURNEY);
        return journeys.create(drafts.draft(plan.name(), plan.trigger(), plan.steps(), plan.timeZone()), actor);
    }

    /** Presses Cancel: the card stops working; no journey starts. Returns its name. */
    @Transactional
    public String decline(String nonce, Actor actor) {
        return ConfirmationTargets
            .target(confirmations.spend(nonce, actor, "DECLINED"), Plan.class, ConfirmationKind.CREATE_JOURNEY)
            .name();
    }

    /** Steps as numbered lines for the card. */
    public static List<String> lines(List<JourneyStep> steps) {
        java.util.ArrayList<String> out = new java.util.ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            out.add((i + 1) + ". " + JourneyDrafts.line(steps.get(i)));
        }
        return out;
    }

}
