package lux.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class TurnRequestTest {

    @Test
    void readsTheTeamsLocaleAndFallsBackToUsEnglish() {
        assertThat(TurnRequest.localeOf("de-DE")).isEqualTo(Locale.GERMANY);
        assertThat(TurnRequest.localeOf(" en-GB ")).isEqualTo(Locale.UK);
        assertThat(TurnRequest.localeOf(null)).isEqualTo(Locale.US);
        assertThat(TurnRequest.localeOf("")).isEqualTo(Locale.US);
        assertThat(TurnRequest.localeOf("!!not a locale")).isEqualTo(Locale.US);
    }

}
