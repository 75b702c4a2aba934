package lux.journeys;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Steps and triggers say what they are without a language: a key and the values the
 * reader's side words (the Teams bundle has a text for each key).
 */
class JourneyPhraseTest {

    @Test
    void stepsAreAKeyAndTheirValues() {
        assertThat(new JourneyStep.Send(1, "Welcome").phrase())
            .isEqualTo(Phrase.of("card.journeyStep.send", "Welcome"));
        assertThat(new JourneyStep.Wait(Duration.ofDays(3)).phrase())
            .isEqualTo(Phrase.of("card.journeyStep.waitDays", 3L, "3"));
        assertThat(new JourneyStep.Wait(Duration.ofHours(2)).phrase())
            .isEqualTo(Phrase.of("card.journeyStep.waitHours", 2L, "2"));
        assertThat(new JourneyStep.Wait(Duration.ofMinutes(1501)).phrase())
            .isEqualTo(Phrase.of("card.journeyStep.waitMinutes", 1501L, "1501"));
        assertThat(
                new JourneyStep.WaitUntil(EnumSet.of(DayOfWeek.FRIDAY, DayOfWeek.MONDAY), LocalTime.of(9, 0)).phrase())
            .isEqualTo(Phrase.of("card.journeyStep.waitUntil", List.of(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), "09:00"));
        assertThat(new JourneyStep.WaitUntil(EnumSet.noneOf(DayOfWeek.class), LocalTime.of(7, 30)).phrase())
            .isEqualTo(Phrase.of("card.journeyStep.waitUntilNextDay", "07:30"));
        assertThat(new JourneyStep.Branch(Engagement.CLICKED, 4, null).phrase())
            .isEqualTo(Phrase.of("card.journeyStep.if.clicked"));
        assertThat(new JourneyStep.AddTag("vip").phrase()).isEqualTo(Phrase.of("card.journeyStep.addTag", "vip"));
        assertThat(new JourneyStep.RemoveTag("vip").phrase()).isEqualTo(Phrase.of("card.journeyStep.removeTag", "vip"));
        assertThat(new JourneyStep.End().phrase()).isEqualTo(Phrase.of("card.journeyStep.end"));
    }

    @Test
    void aBranchAsALineNamesItsTargetsFromOne() {
        assertThat(JourneyDrafts.linePhrase(new JourneyStep.Branch(Engagement.OPENED, null, 6)))
            .isEqualTo(Phrase.of("card.journeyStep.route", Phrase.of("card.journeyStep.engagement.opened"),
                    Phrase.of("card.journeyStep.next"), Phrase.of("card.journeyStep.goTo", "7")));
        assertThat(JourneyDrafts.linePhrase(new JourneyStep.End())).isEqualTo(Phrase.of("card.journeyStep.end"));
    }

    @Test
    void triggersAreAKeyAndTheirValues() {
        assertThat(Trigger.tagAdded("trial").phrase()).isEqualTo(Phrase.of("card.journeyTrigger.tagAdded", "trial"));
        assertThat(Trigger.contactCreated().phrase()).isEqualTo(Phrase.of("card.journeyTrigger.contactCreated"));
        assertThat(Trigger.signupConfirmed().phrase()).isEqualTo(Phrase.of("card.journeyTrigger.signupConfirmed"));
        assertThat(Trigger.dateAttribute("renewal_date", 7).phrase())
            .isEqualTo(Phrase.of("card.journeyTrigger.date", "renewal_date", 7, "7"));
    }

}
