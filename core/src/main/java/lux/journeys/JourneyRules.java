package lux.journeys;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import lux.contacts.ContactService;
import lux.contacts.Tag;
import lux.shared.InvalidInputException;

/** What makes a journey valid, with errors written for the person who asked for it. */
final class JourneyRules {

    static final int MAX_STEPS = 30;

    private JourneyRules() {
    }

    static NewJourney check(NewJourney j) {
        String name = j.name() == null ? "" : j.name().strip();
        if (name.isEmpty() || name.length() > 200 || name.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidInputException("name", "Give the journey a name of one line, up to 200 characters.");
        }
        String zone = j.timeZone() == null || j.timeZone().isBlank() ? "UTC" : j.timeZone().strip();
        try {
            ZoneId.of(zone);
        }
        catch (DateTimeException e) {
            throw new InvalidInputException("timeZone",
                    "\"" + zone + "\" is not a time zone; use a name such as Europe/Berlin or UTC.");
        }
        Trigger trigger = trigger(j.trigger());
        checkSteps(j.steps());
        return new NewJourney(name, trigger, j.steps(), zone);
    }

    private static Trigger trigger(Trigger t) {
        if (t == null) {
            throw new InvalidInputException("trigger", "Say what starts the journey (a tag, a new contact, a date).");
        }
        return switch (t.kind()) {
            case TAG_ADDED -> {
                if (t.tag() == null || t.tag().isBlank()) {
                    throw new InvalidInputException("trigger.tag", "Name the tag that starts the journey.");
                }
                yield Trigger.tagAdded(Tag.normalise(t.tag()));
            }
            case DATE_ATTRIBUTE -> {
                if (t.attribute() == null || t.attribute().isBlank()) {
                    throw new InvalidInputException("trigger.attribute",
                            "Name the date attribute (for example renewal_date).");
                }
                if (t.daysBefore() < 0 || t.daysBefore() > 365) {
                    throw new InvalidInputException("trigger.daysBefore", "Days before the date: 0 to 365.");
                }
                yield Trigger.dateAttribute(ContactService.attributeName(t.attribute()), t.daysBefore());
            }
            default -> new Trigger(t.kind(), null, null, 0);
        };
    }

    private static void checkSteps(List<JourneyStep> steps) {
        if (steps.isEmpty() || steps.size() > MAX_STEPS) {
            throw new InvalidInputException("steps", "A journey has 1 to " + MAX_STEPS + " steps.");
        }
        boolean sends = false;
        for (int i = 0; i < steps.size(); i++) {
            JourneyStep s = steps.get(i);
            String field = "steps[" + i + "]";
            if (s == null) {
                throw new InvalidInputException(field, "Step " + (i + 1) + " is empty.");
            }
            sends |= s instanceof JourneyStep.Send;
            if (s instanceof JourneyStep.Wait w
                    && (w.duration().isNegative() || w.duration().isZero() || w.duration().toDays() > 366)) {
                throw new InvalidInputException(field, "Step " + (i + 1) + ": wait between a minute and a year.");
            }
            if (s instanceof JourneyStep.Wait w && w.duration().compareTo(Duration.ofMinutes(1)) < 0) {
                throw new InvalidInputException(field, "Step " + (i + 1) + ": wait at least a minute.");
            }
            if (s instanceof JourneyStep.WaitUntil w && w.time() == null) {
                throw new InvalidInputException(field, "Step " + (i + 1) + ": say at what time.");
            }
            if (s instanceof JourneyStep.Branch b) {
                if (b.on() == null) {
                    throw new InvalidInputException(field, "Step " + (i + 1) + ": branch on opened or clicked.");
                }
                if (!sends) {
                    throw new InvalidInputException(field,
                            "Step " + (i + 1) + " asks about the previous mail, but no mail is sent before it.");
                }
                target(b.ifYes(), i, steps.size(), field);
                target(b.ifNo(), i, steps.size(), field);
            }
            if ((s instanceof JourneyStep.AddTag a && blank(a.tag()))
                    || (s instanceof JourneyStep.RemoveTag r && blank(r.tag()))) {
                throw new InvalidInputException(field, "Step " + (i + 1) + ": name the tag.");
            }
        }
    }

    /** Branches only jump forward, so no contact can loop for ever. */
    private static void target(Integer to, int at, int size, String field) {
        if (to != null && (to <= at || to > size)) {
            throw new InvalidInputException(field, "Step " + (at + 1) + " can only go on to a later step (" + (at + 2)
                    + " to " + size + "), or leave it empty for the next one.");
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

}
