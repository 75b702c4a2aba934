package lux.journeys;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.util.Set;

/**
 * One step of a journey. Steps are numbered from 0; after a step the contact goes on to
 * the next number, except after a branch (its two targets) and an end.
 */
public sealed interface JourneyStep {

    /** In words, for cards and the console. */
    String describe();

    /**
     * The same without a language: what {@link #describe()} says in English, as a key and
     * values for the reader's language.
     */
    Phrase phrase();

    /** Send a template (frozen as it was when the version was made). */
    record Send(long templateId, String templateName) implements JourneyStep {
        @Override
        public String describe() {
            return "Send " + templateName;
        }

        @Override
        public Phrase phrase() {
            return Phrase.of("card.journeyStep.send", templateName);
        }
    }

    /** Wait a fixed time. */
    record Wait(Duration duration) implements JourneyStep {
        @Override
        public String describe() {
            return "Wait " + WaitRule.words(duration);
        }

        @Override
        public Phrase phrase() {
            return WaitRule.phrase(duration);
        }
    }

    /**
     * Wait until the next of these weekdays at this time, in the contact's time zone
     * (attribute {@code time_zone}) or else the journey's.
     */
    record WaitUntil(Set<DayOfWeek> days, LocalTime time) implements JourneyStep {
        @Override
        public String describe() {
            return "Wait until " + WaitRule.words(days) + " at " + time;
        }

        @Override
        public Phrase phrase() {
            return days.isEmpty() || days.size() == 7 ? Phrase.of("card.journeyStep.waitUntilNextDay", time.toString())
                    : Phrase.of("card.journeyStep.waitUntil", days.stream().sorted().toList(), time.toString());
        }
    }

    /**
     * Did the contact open (or click) the journey's previous mail? Humans only; machine
     * opens never count. {@code ifYes}/{@code ifNo} are step numbers (null: the next).
     */
    record Branch(Engagement on, Integer ifYes, Integer ifNo) implements JourneyStep {
        @Override
        public String describe() {
            return "If they " + on.name().toLowerCase() + " the previous mail";
        }

        @Override
        public Phrase phrase() {
            return Phrase.of("card.journeyStep.if." + on.name().toLowerCase(java.util.Locale.ROOT));
        }
    }

    record AddTag(String tag) implements JourneyStep {
        @Override
        public String describe() {
            return "Add tag " + tag;
        }

        @Override
        public Phrase phrase() {
            return Phrase.of("card.journeyStep.addTag", tag);
        }
    }

    record RemoveTag(String tag) implements JourneyStep {
        @Override
        public String describe() {
            return "Remove tag " + tag;
        }

        @Override
        public Phrase phrase() {
            return Phrase.of("card.journeyStep.removeTag", tag);
        }
    }

    /** The contact's journey ends here. */
    record End() implements JourneyStep {
        @Override
        public String describe() {
            return "End";
        }

        @Override
        public Phrase phrase() {
            return Phrase.of("card.journeyStep.end");
        }
    }

}
