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

    /** Send a template (frozen as it was when the version was made). */
    record Send(long templateId, String templateName) implements JourneyStep {
        @Override
        public String describe() {
            return "Send " + templateName;
        }
    }

    /** Wait a fixed time. */
    record Wait(Duration duration) implements JourneyStep {
        @Override
        public String describe() {
            return "Wait " + WaitRule.words(duration);
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
    }

    record AddTag(String tag) implements JourneyStep {
        @Override
        public String describe() {
            return "Add tag " + tag;
        }
    }

    record RemoveTag(String tag) implements JourneyStep {
        @Override
        public String describe() {
            return "Remove tag " + tag;
        }
    }

    /** The contact's journey ends here. */
    record End() implements JourneyStep {
        @Override
        public String describe() {
            return "End";
        }
    }

}
