package lux.agent.when;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;
import lux.shared.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WhenParserTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    /** Monday 30 November 2026, 08:00 in Berlin. */
    static final Clock MONDAY_8AM = at("2026-11-30T07:00:00Z");
    static final Locale US = Locale.forLanguageTag("en-US");
    static final Locale GERMANY = Locale.forLanguageTag("de-DE");
    static final Locale BRITAIN = Locale.forLanguageTag("en-GB");

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            2026-12-01T10:00:00+01:00                 | 2026-12-01T10:00
            2026-12-01T09:00:00Z                      | 2026-12-01T10:00
            2026-12-01T09:00:00z                      | 2026-12-01T10:00
            2026-12-01T10:00:00.000+01:00             | 2026-12-01T10:00
            2026-12-01T04:00:00-05:00                 | 2026-12-01T10:00
            2026-12-01T10:00+0100                     | 2026-12-01T10:00
            2026-12-01T10:00:00+01:00[Europe/Berlin]  | 2026-12-01T10:00
            2026-12-01T10:00                          | 2026-12-01T10:00
            2026-12-01T10:00:00                       | 2026-12-01T10:00
            2026-12-01 10:00                          | 2026-12-01T10:00
            2026-12-24                                | 2026-12-24T09:00
            today at 5pm                              | 2026-11-30T17:00
            today 8:00                                | 2026-11-30T08:00
            at 14:00                                  | 2026-11-30T14:00
            noon                                      | 2026-11-30T12:00
            tonight                                   | 2026-11-30T20:00
            this evening                              | 2026-11-30T18:00
            tomorrow morning                          | 2026-12-01T09:00
            tomorrow afternoon                        | 2026-12-01T14:00
            tomorrow 9:15                             | 2026-12-01T09:15
            tomorrow 10.30                            | 2026-12-01T10:30
            Tomorrow at 9 a.m.                        | 2026-12-01T09:00
            next monday 9                             | 2026-12-07T09:00
            monday at 9am                             | 2026-11-30T09:00
            monday at 7am                             | 2026-12-07T07:00
            tuesday 10:00                             | 2026-12-01T10:00
            Fri 12am                                  | 2026-12-04T00:00
            wednesday                                 | 2026-12-02T09:00
            in 30 minutes                             | 2026-11-30T08:30
            in 2 hours                                | 2026-11-30T10:00
            in an hour                                | 2026-11-30T09:00
            in half an hour                           | 2026-11-30T08:30
            in 3 days                                 | 2026-12-03T08:00
            in 1 week                                 | 2026-12-07T08:00
            on the 3rd at 14:00                       | 2026-12-03T14:00
            on the 30th at 9pm                        | 2026-11-30T21:00
            the 1st                                   | 2026-12-01T09:00
            on the 31st                               | 2026-12-31T09:00
            3 Dec 10:00                               | 2026-12-03T10:00
            Dec 3rd 10am                              | 2026-12-03T10:00
            3rd of December at 4:30 pm                | 2026-12-03T16:30
            December 3, 2027 10:00                    | 2027-12-03T10:00
            3 Jan 10:00                               | 2027-01-03T10:00
            12/03 10:00                               | 2026-12-03T10:00
            12/03/2026 10:00                          | 2026-12-03T10:00
            03.12. 10:00                              | 2026-12-03T10:00
            """)
    void readsWhatAnEnglishSpeakingUserOrTheModelWrites(String text, String expected) {
        assertThat(parse(text, US, MONDAY_8AM)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            03.12. 10:00                              | 2026-12-03T10:00
            3.12.2026 10 Uhr                          | 2026-12-03T10:00
            3.12.26 10:00                             | 2026-12-03T10:00
            am 3.12. um 10:30 Uhr                     | 2026-12-03T10:30
            12/03 10:00                               | 2027-03-12T10:00
            morgen früh                               | 2026-12-01T09:00
            morgen um 14 Uhr                          | 2026-12-01T14:00
            heute Abend                               | 2026-11-30T18:00
            übermorgen 8 Uhr                          | 2026-12-02T08:00
            nächsten Montag 9 Uhr                     | 2026-12-07T09:00
            Montag morgen                             | 2026-11-30T09:00
            Di 10 Uhr                                 | 2026-12-01T10:00
            Dienstag um 10                            | 2026-12-01T10:00
            in 30 Minuten                             | 2026-11-30T08:30
            in 2 Stunden                              | 2026-11-30T10:00
            in einer Stunde                           | 2026-11-30T09:00
            in 3 Tagen                                | 2026-12-03T08:00
            am 3. um 14 Uhr                           | 2026-12-03T14:00
            3. Dezember 10 Uhr                        | 2026-12-03T10:00
            10.30 Uhr                                 | 2026-11-30T10:30
            2026-12-01T10:00:00+01:00                 | 2026-12-01T10:00
            tomorrow morning                          | 2026-12-01T09:00
            """)
    void readsWhatAGermanUserWrites(String text, String expected) {
        assertThat(parse(text, GERMANY, MONDAY_8AM)).isEqualTo(expected);
    }

    @Test
    void slashedDatesAreDayFirstOutsideTheUs() {
        assertThat(parse("12/03 10:00", BRITAIN, MONDAY_8AM)).isEqualTo("2027-03-12T10:00");
        assertThat(parse("02/12/2027 10:00", BRITAIN, MONDAY_8AM)).isEqualTo("2027-12-02T10:00");
        assertThat(parse("02/12/2027 10:00", US, MONDAY_8AM)).isEqualTo("2027-02-12T10:00")
            .as("US order reads 2 December as February 12");
    }

    @Test
    void germanShortWeekdaysAreOnlyForGermanUsers() {
        assertThat(parse("Mo 9 Uhr", GERMANY, MONDAY_8AM)).isEqualTo("2026-11-30T09:00");
        assertThatThrownBy(() -> parse("so 9", US, MONDAY_8AM)).hasMessageContaining("could not read \"so 9\"");
    }

    @Test
    void nowIsEmpty() {
        for (String now : new String[] { "now", "", "  ", "jetzt", "Sofort", "immediately" }) {
            assertThat(WhenParser.parse(now, BERLIN, US, MONDAY_8AM)).as(now).isEmpty();
        }
        assertThat(WhenParser.parse(null, BERLIN, US, MONDAY_8AM)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            2026-11-30T07:00                 | That is 30 Nov 2026 07:00 Europe/Berlin, which has passed.
            2026-11-30T06:30:00Z             | That is 30 Nov 2026 07:30 Europe/Berlin, which has passed.
            today 7:59                       | That is 30 Nov 2026 07:59 Europe/Berlin, which has passed.
            25 Nov 10:00                     | That is 25 Nov 2026 10:00 Europe/Berlin, which has passed.
            2026-11-01                       | That is 1 Nov 2026 09:00 Europe/Berlin, which has passed.
            heute 7 Uhr                      | That is 30 Nov 2026 07:00 Europe/Berlin, which has passed.
            """)
    void refusesATimeThatHasPassedSayingWhatItUnderstood(String text, String message) {
        assertThatThrownBy(() -> parse(text, US, MONDAY_8AM)).isInstanceOf(InvalidInputException.class)
            .hasMessage(message);
    }

    @Test
    void refusesTonightOnceTonightHasBegun() {
        assertThatThrownBy(() -> parse("tonight", US, at("2026-11-30T20:30:00Z")))
            .hasMessage("That is 30 Nov 2026 20:00 Europe/Berlin, which has passed.");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            next blue moon      | I could not read "next blue moon" as a time. Write it like 2026-12-01 10:00
            tomorrow monday     | I could not read "tomorrow monday" as a time.
            at                  | I could not read "at" as a time.
            tomorrow 25:00      | "tomorrow 25:00" is not a date and time LUX can use: 25:00 is not a time of day.
            13 pm               | "13 pm" is not a date and time LUX can use: 13 pm is not a time of day.
            31.02.2027          | "31.02.2027" is not a date and time LUX can use: Invalid date 'FEBRUARY 31'
            13/13               | "13/13" is not a date and time LUX can use: There is no month 13.
            on the 32nd         | "on the 32nd" is not a date and time LUX can use: There is no day 32 in a month.
            """)
    void explainsWhatItCannotRead(String text, String message) {
        assertThatThrownBy(() -> parse(text, US, MONDAY_8AM)).isInstanceOf(InvalidInputException.class)
            .hasMessageStartingWith(message);
    }

    @Test
    void helpsGermanUsersWithGermanExamples() {
        assertThatThrownBy(() -> parse("irgendwann", GERMANY, MONDAY_8AM))
            .hasMessageContaining("3.12.2026 10:00, morgen früh, nächsten Montag 9 Uhr");
    }

    /** Clocks go forward in Berlin on Sunday 28 March 2027 at 02:00 (to 03:00). */
    @Test
    void springForward() {
        Clock saturdayNoon = at("2027-03-27T11:00:00Z");
        assertThatThrownBy(() -> parse("2027-03-28 02:30", US, saturdayNoon)).hasMessage("\"2027-03-28 02:30\" is "
                + "28 Mar 2027 02:30 Europe/Berlin, a time that does not exist: the clocks go forward from 02:00 to 03:00 "
                + "that night. Choose another time, such as 03:00.");
        assertThatThrownBy(() -> parse("tomorrow 2:30", US, saturdayNoon)).hasMessageContaining("does not exist");
        assertThat(parse("tomorrow 3:00", US, saturdayNoon)).isEqualTo("2027-03-28T03:00");
        assertThat(parse("in 24 hours", US, saturdayNoon)).isEqualTo("2027-03-28T13:00");
        assertThat(parse("in 1 day", US, saturdayNoon)).isEqualTo("2027-03-28T12:00");
        assertThat(parse("2027-03-28T01:30:00Z", US, saturdayNoon)).isEqualTo("2027-03-28T03:30");
        assertThat(parse("in 30 minutes", US, at("2027-03-28T00:45:00Z"))).isEqualTo("2027-03-28T03:15");
    }

    /**
     * Clocks go back in Berlin on Sunday 31 October 2027 at 03:00 (to 02:00): 02:00-03:00
     * happens twice.
     */
    @Test
    void fallBack() {
        Clock saturdayNoon = at("2027-10-30T10:00:00Z");
        assertThat(parse("tomorrow 2:30", US, saturdayNoon)).isEqualTo("2027-10-31T02:30");
        assertThat(LocalDateTime.parse("2027-10-31T02:30").atZone(BERLIN).getOffset())
            .as("a local time in the repeated hour is the first one, as scheduling reads it")
            .isEqualTo(ZoneOffset.ofHours(2));
        assertThat(parse("2027-10-31T02:30:00+02:00", US, saturdayNoon)).isEqualTo("2027-10-31T02:30");
        assertThatThrownBy(() -> parse("2027-10-31T02:30:00+01:00", US, saturdayNoon))
            .hasMessage("\"2027-10-31T02:30:00+01:00\""
                    + " is 31 Oct 2027 02:30 in Europe/Berlin, in the hour that happens twice when the clocks go back. "
                    + "Choose a time outside that hour.");
        assertThatThrownBy(() -> parse("2027-10-31T01:30:00Z", US, saturdayNoon)).hasMessageContaining("happens twice");
        assertThat(parse("in 24 hours", US, saturdayNoon)).isEqualTo("2027-10-31T11:00");
        assertThat(parse("sunday 9 Uhr", GERMANY, saturdayNoon)).isEqualTo("2027-10-31T09:00");
    }

    private static Clock at(String instant) {
        return Clock.fixed(Instant.parse(instant), ZoneOffset.UTC);
    }

    private static String parse(String text, Locale locale, Clock clock) {
        return WhenParser.parse(text, BERLIN, locale, clock).map(LocalDateTime::toString).orElse("now");
    }

}
