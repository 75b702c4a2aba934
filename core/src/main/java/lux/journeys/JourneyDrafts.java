package lux.journeys;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lux.shared.InvalidInputException;
import lux.templates.TemplateService;
import lux.templates.TemplateView;
import org.springframework.stereotype.Component;

/**
 * Journeys written as people write them, one line per step — {@code send Welcome},
 * {@code wait 3 days}, {@code wait until monday 09:00}, {@code unless clicked} (the rest
 * only for those who did not click the previous mail), {@code if opened} ... — and
 * triggers such as {@code tag:trial}, {@code created}, {@code signup},
 * {@code date:renewal_date-7}. The API and the chat both build journeys through here.
 */
@Component
public class JourneyDrafts {

    private static final Pattern WAIT = Pattern
        .compile("(?i)wait\\s+(?:for\\s+)?(\\d+|[a-z]+)\\s*(m|min|mins|minutes?|h|hours?|d|days?|w|weeks?)");

    private static final Pattern UNTIL = Pattern
        .compile("(?i)wait\\s+until\\s+([a-z, ]*?)\\s*(?:at\\s+)?(\\d{1,2}:\\d{2})");

    private static final Pattern DATE = Pattern.compile("(?i)date:([a-z][a-z0-9_ ]*?)(?:-(\\d+))?");

    private static final List<String> NUMBERS = List.of("zero", "one", "two", "three", "four", "five", "six", "seven",
            "eight", "nine", "ten", "eleven", "twelve");

    private final TemplateService templates;

    JourneyDrafts(TemplateService templates) {
        this.templates = templates;
    }

    /** A journey from its name, trigger line and step lines. */
    public NewJourney draft(String name, String trigger, List<String> steps, String timeZone) {
        List<JourneyStep> parsed = new ArrayList<>();
        List<Integer> unless = new ArrayList<>();
        int n = 0;
        for (String raw : steps == null ? List.<String>of() : steps) {
            n++;
            String line = raw == null ? "" : raw.strip();
            if (line.isEmpty()) {
                continue;
            }
            JourneyStep step = step(line, n);
            if (step instanceof JourneyStep.Branch) {
                unless.add(parsed.size());
            }
            parsed.add(step);
        }
        // "unless clicked": those who clicked leave the journey here (at its end);
        // "if clicked": those who did not
        for (int at : unless) {
            JourneyStep.Branch b = (JourneyStep.Branch) parsed.get(at);
            boolean leaveIfYes = b.ifNo() != null;
            parsed.set(at, new JourneyStep.Branch(b.on(), leaveIfYes ? Integer.valueOf(parsed.size()) : null,
                    leaveIfYes ? null : Integer.valueOf(parsed.size())));
        }
        return new NewJourney(name, trigger(trigger), parsed, timeZone);
    }

    /** Splits a steps text on semicolons and new lines. */
    public static List<String> lines(String steps) {
        List<String> out = new ArrayList<>();
        for (String s : (steps == null ? "" : steps).split("[;\\n]")) {
            if (!s.isBlank()) {
                out.add(s.strip());
            }
        }
        return out;
    }

    Trigger trigger(String raw) {
        String t = raw == null ? "" : raw.strip();
        String lower = t.toLowerCase(Locale.ROOT);
        if (lower.startsWith("tag:") || lower.startsWith("tag ")) {
            return Trigger.tagAdded(t.substring(4).strip());
        }
        if (lower.equals("created") || lower.equals("imported") || lower.equals("created or imported")) {
            return Trigger.contactCreated();
        }
        if (lower.equals("signup") || lower.equals("sign-up") || lower.equals("sign up")) {
            return Trigger.signupConfirmed();
        }
        Matcher date = DATE.matcher(t);
        if (date.matches()) {
            return Trigger.dateAttribute(date.group(1).strip(),
                    date.group(2) == null ? 0 : Integer.parseInt(date.group(2)));
        }
        throw new InvalidInputException("trigger", "\"" + t + "\" is not a trigger. Use tag:<tag>, created, signup "
                + "or date:<attribute>-<days before> (for example date:renewal_date-7).");
    }

    private JourneyStep step(String line, int n) {
        String lower = line.toLowerCase(Locale.ROOT);
        String field = "steps[" + (n - 1) + "]";
        if (lower.startsWith("send ")) {
            TemplateView t = templates.byName(line.substring(5).replaceAll("(?i)\\s+(now|immediately)$", "").strip());
            return new JourneyStep.Send(t.id(), t.name());
        }
        Matcher until = UNTIL.matcher(line);
        if (until.matches()) {
            try {
                return new JourneyStep.WaitUntil(days(until.group(1), field), LocalTime.parse(pad(until.group(2))));
            }
            catch (DateTimeParseException e) {
                throw new InvalidInputException(field, "Step " + n + ": \"" + until.group(2) + "\" is not a time.");
            }
        }
        Matcher wait = WAIT.matcher(line);
        if (wait.matches()) {
            return new JourneyStep.Wait(duration(number(wait.group(1), field, n), wait.group(2)));
        }
        if (lower.matches("(unless|if not|if they did ?n[o']t) (clicked|click|opened|open)")) {
            return new JourneyStep.Branch(lower.contains("click") ? Engagement.CLICKED : Engagement.OPENED, null, 0);
        }
        if (lower.matches("if (they )?(clicked|click|opened|open)")) {
            // only those who did go on
            return new JourneyStep.Branch(lower.contains("click") ? Engagement.CLICKED : Engagement.OPENED, null, null);
        }
        if (lower.startsWith("tag ") || lower.startsWith("add tag ")) {
            return new JourneyStep.AddTag(line.replaceFirst("(?i)^(add )?tag ", "").strip().toLowerCase(Locale.ROOT));
        }
        if (lower.startsWith("untag ") || lower.startsWith("remove tag ")) {
            return new JourneyStep.RemoveTag(
                    line.replaceFirst("(?i)^(untag|remove tag) ", "").strip().toLowerCase(Locale.ROOT));
        }
        if (lower.equals("end") || lower.equals("stop")) {
            return new JourneyStep.End();
        }
        throw new InvalidInputException(field, "Step " + n + " (\"" + line + "\") is not a step. Use send <template>, "
                + "wait 3 days, wait until monday 09:00, unless clicked, if opened, tag <tag>, untag <tag> or end.");
    }

    private static int number(String raw, String field, int n) {
        String s = raw.toLowerCase(Locale.ROOT);
        int i = NUMBERS.indexOf(s);
        if (i >= 0) {
            return i;
        }
        if (s.matches("\\d{1,6}")) {
            return Integer.parseInt(s);
        }
        throw new InvalidInputException(field, "Step " + n + ": \"" + raw + "\" is not a number.");
    }

    private static Duration duration(int amount, String unit) {
        return switch (Character.toLowerCase(unit.charAt(0))) {
            case 'm' -> Duration.ofMinutes(amount);
            case 'h' -> Duration.ofHours(amount);
            case 'w' -> Duration.ofDays(7L * amount);
            default -> Duration.ofDays(amount);
        };
    }

    private static Set<DayOfWeek> days(String raw, String field) {
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (String d : raw.toLowerCase(Locale.ROOT).split("[, ]+|\\bor\\b|\\band\\b")) {
            String day = d.strip();
            if (day.isEmpty() || day.equals("or") || day.equals("and")) {
                continue;
            }
            if (day.equals("weekday") || day.equals("weekdays")) {
                days.addAll(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY));
                continue;
            }
            DayOfWeek match = null;
            for (DayOfWeek w : DayOfWeek.values()) {
                if (day.length() >= 3 && w.name().toLowerCase(Locale.ROOT).startsWith(day.replaceAll("s$", ""))) {
                    match = w;
                }
            }
            if (match == null) {
                throw new InvalidInputException(field, "\"" + day + "\" is not a weekday.");
            }
            days.add(match);
        }
        return days;
    }

    private static String pad(String time) {
        return time.length() == 4 ? "0" + time : time;
    }

    /**
     * A step as one line, the way {@link #draft} reads it (branch targets as step numbers
     * from 1).
     */
    public static String line(JourneyStep step) {
        if (step instanceof JourneyStep.Branch b) {
            return "if " + b.on().name().toLowerCase(Locale.ROOT) + " go to "
                    + (b.ifYes() == null ? "next" : "step " + (b.ifYes() + 1)) + ", else "
                    + (b.ifNo() == null ? "next" : "step " + (b.ifNo() + 1));
        }
        return step.describe();
    }

    /**
     * {@link #line} without a language: a branch with its targets (a step number from 1,
     * or the next), any other step as its {@link JourneyStep#phrase()}.
     */
    public static Phrase linePhrase(JourneyStep step) {
        if (step instanceof JourneyStep.Branch b) {
            return Phrase.of("card.journeyStep.route",
                    Phrase.of("card.journeyStep.engagement." + b.on().name().toLowerCase(Locale.ROOT)),
                    target(b.ifYes()), target(b.ifNo()));
        }
        return step.phrase();
    }

    private static Phrase target(Integer step) {
        return step == null ? Phrase.of("card.journeyStep.next")
                : Phrase.of("card.journeyStep.goTo", String.valueOf(step + 1));
    }

}
