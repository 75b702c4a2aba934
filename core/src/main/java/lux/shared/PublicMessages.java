package lux.shared;

import java.util.List;
import java.util.Locale;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.stereotype.Component;

/**
 * Texts readers see (public pages, sign-up and confirmation mails) from the bundle
 * {@code i18n/messages_public}, in English and German; unknown languages read English.
 * Texts for people, never in code.
 */
@Component
public class PublicMessages {

    public static final List<String> LANGUAGES = List.of("en", "de");

    private final ResourceBundleMessageSource source = new ResourceBundleMessageSource();

    public PublicMessages() {
        source.setBasename("i18n/messages_public");
        source.setDefaultEncoding("UTF-8");
        source.setFallbackToSystemLocale(false);
    }

    /**
     * The text for {@code key} in {@code language} (en, de), with {0}, {1} ... filled in.
     */
    public String text(String language, String key, Object... args) {
        return source.getMessage(key, args, locale(language));
    }

    /**
     * en, de, and tags like de-DE, de_AT or DE read as their language; anything else (or
     * nothing) as English.
     */
    public static Locale locale(String language) {
        String primary = language == null ? "" : language.strip().split("[-_]", 2)[0].toLowerCase(Locale.ROOT);
        return LANGUAGES.contains(primary) ? Locale.forLanguageTag(primary) : Locale.ENGLISH;
    }

}
