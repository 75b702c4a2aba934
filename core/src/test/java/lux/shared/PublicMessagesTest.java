package lux.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * Every reader-facing text exists in every offered language, and each language answers in
 * its own words.
 */
class PublicMessagesTest {

    @Test
    void everyKeyExistsInEveryLanguage() throws Exception {
        Properties english = load("");
        assertThat(english).isNotEmpty();
        for (String language : PublicMessages.LANGUAGES) {
            Properties other = load(language.equals("en") ? "" : "_" + language);
            assertThat(other.stringPropertyNames()).as(language).isEqualTo(english.stringPropertyNames());
            assertThat(other.values()).as(language + ": no empty texts").noneMatch(v -> v.toString().isBlank());
        }
    }

    @Test
    void textsComeInTheAskedLanguageAndUnknownLanguagesReadEnglish() {
        PublicMessages messages = new PublicMessages();
        assertThat(messages.text("de", "signup.form.submit")).isEqualTo("Anmelden");
        assertThat(messages.text("en", "signup.form.submit")).isEqualTo("Sign up");
        assertThat(messages.text("xx", "signup.form.submit")).isEqualTo("Sign up");
        assertThat(messages.text("de", "signup.confirm.mail.body")).contains("{link}").contains("{hours}");
        assertThat(messages.text("de-DE", "signup.form.submit")).isEqualTo("Anmelden");
        assertThat(messages.text(" DE_at ", "signup.form.submit")).isEqualTo("Anmelden");
        assertThat(messages.text(null, "signup.form.submit")).isEqualTo("Sign up");
    }

    private static Properties load(String suffix) throws Exception {
        Properties p = new Properties();
        try (InputStream in = PublicMessagesTest.class
            .getResourceAsStream("/i18n/messages_public" + suffix + ".properties")) {
            assertThat(in).as("bundle " + suffix).isNotNull();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

}
