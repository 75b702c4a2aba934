package lux.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every Teams text exists in every offered language, is a valid MessageFormat, and Teams
 * locales pick the language.
 */
class TeamsMessagesTest {

    /**
     * A single quote alone would silently swallow text in MessageFormat; write it twice.
     */
    private static final Pattern LONE_QUOTE = Pattern.compile("(?<!')'(?!')");

    @Test
    void everyKeyExistsInEveryLanguageAndEveryTextIsAValidMessage() throws Exception {
        Properties english = load("");
        assertThat(english).isNotEmpty();
        for (String language : TeamsMessages.LANGUAGES) {
            Properties other = load(language.equals("en") ? "" : "_" + language);
            assertThat(other.stringPropertyNames()).as(language).isEqualTo(english.stringPropertyNames());
            for (String key : other.stringPropertyNames()) {
                String value = other.getProperty(key);
                assertThat(value).as(language + " " + key).isNotBlank().doesNotContainPattern(LONE_QUOTE);
                assertThatCode(() -> new MessageFormat(value, Locale.forLanguageTag(language))).as(language + " " + key)
                    .doesNotThrowAnyException();
            }
        }
    }

    @Test
    void teamsLocalesPickGermanOrEnglish() {
        TeamsMessages messages = new TeamsMessages();
        assertThat(messages.text(TeamsMessages.locale("de-DE"), "card.confirm.confirm")).isEqualTo("Bestätigen");
        assertThat(messages.text(TeamsMessages.locale("de-CH"), "card.contacts.total", 3)).isEqualTo("3 Kontakte");
        assertThat(messages.text(TeamsMessages.locale("en-US"), "card.contacts.total", 1)).isEqualTo("1 contact");
        assertThat(messages.text(TeamsMessages.locale("fr-FR"), "card.confirm.confirm")).isEqualTo("Confirm");
        assertThat(messages.text(TeamsMessages.locale(null), "bot.stranger")).contains("I don't know you yet");
        assertThat(messages.all(Locale.GERMAN)).containsEntry("card.confirm.cancel", "Abbrechen")
            .containsOnlyKeys(messages.all(Locale.ENGLISH).keySet());
    }

    @Test
    void everyStatusPeopleSeeHasAWordInEveryLanguage() throws Exception {
        List<Enum<?>> statuses = new java.util.ArrayList<>();
        statuses.addAll(List.of(lux.campaigns.CampaignStatus.values()));
        statuses.addAll(List.of(lux.campaigns.RecipientStatus.values()));
        statuses.addAll(List.of(lux.contacts.ContactStatus.values()));
        for (String language : TeamsMessages.LANGUAGES) {
            Properties bundle = load(language.equals("en") ? "" : "_" + language);
            for (Enum<?> status : statuses) {
                assertThat(bundle.getProperty(TeamsMessages.statusKey(status))).as(language + " " + status)
                    .isNotBlank();
            }
        }
        assertThat(new TeamsMessages().status(Locale.GERMAN, lux.campaigns.CampaignStatus.SENDING))
            .isEqualTo("wird gesendet");
        assertThat(new TeamsMessages().status(Locale.ENGLISH, lux.contacts.ContactStatus.ACTIVE)).isEqualTo("active");
    }

    private static Properties load(String suffix) throws Exception {
        Properties p = new Properties();
        try (InputStream in = TeamsMessagesTest.class
            .getResourceAsStream("/" + TeamsMessages.BUNDLE + suffix + ".properties")) {
            assertThat(in).as("bundle " + suffix).isNotNull();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

}
