package lux.agent.tools;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import java.util.List;
import lux.agent.AgentOutput;
import lux.journeys.JourneyService;
import lux.journeys.JourneyStats;
import lux.journeys.JourneyView;

/**
 * Journeys (automations) from chat: the tool builds one and shows it on a Confirm card;
 * the person starts it. Also lists, shows (live numbers per step), pauses and resumes
 * journeys.
 */
public class JourneyTools {

    private final JourneyConfirmations confirmations;

    private final JourneyService journeys;

    private final ToolSession session;

    JourneyTools(JourneyConfirmations confirmations, JourneyService journeys, ToolSession session) {
        this.confirmations = confirmations;
        this.journeys = journeys;
        this.session = session;
    }

    /** The card is shown; nothing starts until the person presses Confirm. */
    public record JourneyAsked(String name, String trigger, List<String> steps) implements ToolResult.Extension {
        public PeopleLine line() {
            return PeopleLine.of("command.confirm.create_journey");
        }
    }

    public record JourneyLine(String name, String status, String trigger, int steps, long inFlight, long finished) {
    }

    /**
     * Command mode lists the lines itself (PeopleLines); {@link #line()} is the heading.
     */
    public record JourneysListed(String note, List<JourneyLine> journeys) implements ToolResult.Extension {
        public PeopleLine line() {
            return PeopleLine.of(journeys.isEmpty() ? "journey.none" : "journey.list.title");
        }
    }

    /** One step's live numbers, for the model (the person reads them on the card). */
    public record JourneyStepLine(int step, String what, long reached, long waiting, long sent, long opened,
            long clicked, long yes, long no, long endedHere) {
    }

    /** The journey's card is shown; the line names it. */
    public record JourneyShown(String note, String name, String status, String trigger, long entered, long onTheWay,
            long finished, List<JourneyStepLine> steps) implements ToolResult.Extension {
        public PeopleLine line() {
            return PeopleLine.of("journey.shown", name);
        }
    }

    /** {@code paused} is true when the journey was paused, false when it runs again. */
    public record JourneyChanged(String name, boolean paused) implements ToolResult.Extension {
        public PeopleLine line() {
            return PeopleLine.of(paused ? "journey.paused" : "journey.resumed", name);
        }
    }

    @Tool("""
            Builds an automated journey and shows it on a card with a Confirm button; it starts only when the user
            presses Confirm. Example: "when someone gets the tag trial, send Welcome now and Tips three days later if
            they didn't click" is trigger "tag:trial" and steps ["send Welcome", "wait 3 days", "unless clicked",
            "send Tips"].""")
    public ToolResult planJourney(@P("a short name for the journey") String name, @P("""
            what starts it: tag:<tag> (a tag is added), created (a contact is created or imported), signup (a sign-up is
            confirmed) or date:<attribute>-<days before> (e.g. date:renewal_date-7)""") String trigger, @P("""
            the steps in order, one per item: send <template name>, wait <n> minutes|hours|days|weeks, wait until
            <weekday[s]> <HH:mm>, unless clicked|opened (the rest only for those who did not), if clicked|opened
            (the rest only for those who did), tag <tag>, untag <tag>, end""") List<String> steps,
            @P(value = "the journey's time zone, e.g. Europe/Berlin (default: the user's)",
                    required = false) String timeZone) {
        return ToolResults.attempt(session, "planJourney", () -> {
            AgentOutput.JourneyConfirmation card = confirmations.request(session.actor(), name, trigger, steps,
                    timeZone == null || timeZone.isBlank() ? session.zone().getId() : timeZone);
            session.show(card);
            return new JourneyAsked(card.name(), card.trigger().describe(), JourneyConfirmations.lines(card.steps()));
        });
    }

    @Tool("Lists the journeys (automations) with their status and how many contacts are on the way or finished.")
    public ToolResult listJourneys() {
        return ToolResults.attempt(session, "listJourneys",
                () -> new JourneysListed(ToolResult.DATA_CAMPAIGNS, journeys.list().stream().map(this::line).toList()));
    }

    @Tool("""
            Shows one journey as it runs, on a card: for each step how many contacts reached it, wait there, were
            mailed, opened, clicked, took a branch's yes or no way, and ended there. Use it when the user asks how a
            journey is doing.""")
    public ToolResult showJourney(@P("the journey's name") String name) {
        return ToolResults.attempt(session, "showJourney", () -> {
            JourneyView j = journeys.byName(name);
            JourneyStats s = journeys.stats(j.id(), null);
            session.show(new AgentOutput.JourneyProgress(j, s));
            return new JourneyShown(ToolResult.DATA_CAMPAIGNS, j.name(), j.status().label(), j.trigger().describe(),
                    s.enrolled(), s.inFlight(), s.finished(),
                    s.steps()
                        .stream()
                        .map(t -> new JourneyStepLine(t.position() + 1, t.step(), t.entered(), t.waiting(), t.sent(),
                                t.opened(), t.clicked(), t.yes(), t.no(), t.finished()))
                        .toList());
        });
    }

    /**
     * Whether a journey of this name exists (command mode tells a name from a sentence).
     */
    public boolean knows(String name) {
        return journeys.list().stream().anyMatch(j -> j.name().equalsIgnoreCase(name.strip()));
    }

    @Tool("Pauses a journey: nobody moves on to the next step until it is resumed (new contacts still enter).")
    public ToolResult pauseJourney(@P("the journey's name") String name) {
        return ToolResults.attempt(session, "pauseJourney", () -> {
            JourneyView j = journeys.pause(journeys.byName(name).id(), session.actor());
            return new JourneyChanged(j.name(), true);
        });
    }

    @Tool("Resumes a paused journey.")
    public ToolResult resumeJourney(@P("the journey's name") String name) {
        return ToolResults.attempt(session, "resumeJourney", () -> {
            JourneyView j = journeys.resume(journeys.byName(name).id(), session.actor());
            return new JourneyChanged(j.name(), false);
        });
    }

    private JourneyLine line(JourneyView j) {
        JourneyStats s = journeys.stats(j.id(), null);
        return new JourneyLine(j.name(), j.status().label(), j.trigger().describe(), j.steps().size(), s.inFlight(),
                s.finished());
    }

}
