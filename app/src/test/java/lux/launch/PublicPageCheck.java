package lux.launch;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import java.nio.file.Path;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * What every public page must be in a phone's browser: in the reader's language (its
 * {@code lang} attribute and the bundle's texts, not the English ones), with no message
 * key left unresolved, and no wider than the screen. Each checked page is kept as a
 * screenshot under {@code target/} (test output, not committed).
 */
final class PublicPageCheck {

    static final String BUNDLE = "i18n/messages_public";

    private final Path shots;

    PublicPageCheck(Path shots) {
        this.shots = shots;
    }

    static String text(String language, String key) {
        return ResourceBundle
            .getBundle(BUNDLE, Locale.forLanguageTag(language),
                    ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES))
            .getString(key)
            .replace("''", "'");
    }

    /** Checks the page shown now and saves it as {@code <language>-<name>.png}. */
    void check(Page page, String language, String name, String... keys) {
        String shot = language + "-" + name;
        page.screenshot(new Page.ScreenshotOptions().setPath(shots.resolve(shot + ".png")).setFullPage(true));
        assertThat(page.locator("html").getAttribute("lang")).as(shot + ": lang").isEqualTo(language);
        String visible = page.locator("body").innerText();
        for (String key : keys) {
            assertThat(visible).as(shot + ": " + key).contains(text(language, key));
            if (!language.equals("en") && !text("en", key).equals(text(language, key))) {
                assertThat(visible).as(shot + ": English left in " + key).doesNotContain(text("en", key));
            }
        }
        assertThat(page.content()).as(shot + ": unresolved message keys").doesNotContain("??").doesNotContain("???");
        Object fits = page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth");
        assertThat(fits).as(shot + ": wider than the " + page.viewportSize().width + " px screen").isEqualTo(true);
    }

}
