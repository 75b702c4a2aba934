package lux.agent;

import java.time.DayOfWeek;
import java.time.format.TextStyle;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.concurrent.ConcurrentHashMap;
import lux.journeys.Phrase;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.stereotype.Component;

/**
 * What LUX says in Teams (cards, command mode, bot replies) from the bundle
 * {@code i18n/messages_teams}, in English and German by the user's Teams locale; other
 * locales read English. Every text goes through MessageFormat, so a single quote is
 * always written twice ({@code ''}).
 */
@Component
public class TeamsMessages {

    public static final String BUNDLE = "i18n/messages_teams";

    public static final List<String> LANGUAGES = List.of("en", "de");

    private final ResourceBundleMessageSource source = new ResourceBundleMessageSource();

    private final Map<Locale, Map<String, String>> all = new ConcurrentHashMap<>();

    public TeamsMessages() {
        source.setBasename(BUNDLE);
        source.setDefaultEncoding("UTF-8");
        source.setFallbackToSystemLocale(false);
        source.setAlwaysUseMessageFormat(true);
    }

    /** The text for {@code key} in {@code locale}, with {0}, {1} ... filled in. */
    public String text(Locale locale, String key, Object... args) {
        return source.getMessage(key, args, supported(locale));
    }

    /**
     * A {@link Phrase} from core (a journey's step or trigger) in {@code locale}: its
     * values worded first (phrases in turn, weekdays by name, lists as "a or b").
     */
    public String phrase(Locale locale, Phrase phrase) {
        return text(locale, phrase.key(), phrase.args().stream().map(a -> word(locale, a)).toArray());
    }

    private Object word(Locale locale, Object value) {
        if (value instanceof Phrase p) {
            return phrase(locale, p);
        }
        if (value instanceof DayOfWeek d) {
            return d.getDisplayName(TextStyle.FULL, supported(locale));
        }
        if (value instanceof Collection<?> c) {
            return c.stream()
                .map(v -> String.valueOf(word(locale, v)))
                .reduce((a, b) -> text(locale, "card.or", a, b))
                .orElse("");
        }
        return value;
    }

    /**
     * A status people read ({@code CampaignStatus.SENDING}, {@code ContactStatus.ACTIVE},
     * {@code RecipientStatus.SKIPPED}) as the word of {@code locale}: the key is
     * {@code status.<campaign|contact|recipient>.<name>}.
     */
    public String status(Locale locale, Enum<?> status) {
        return text(locale, statusKey(status));
    }

    public static String statusKey(Enum<?> status) {
        String kind = status.getDeclaringClass().getSimpleName().replace("Status", "").toLowerCase(Locale.ROOT);
        return "status." + kind + "." + status.name().toLowerCase(Locale.ROOT);
    }

    /**
     * Every text of the bundle in {@code locale} by key, for card templates (their fixed
     * labels).
     */
    public Map<String, String> all(Locale locale) {
        return all.computeIfAbsent(supported(locale), l -> {
            Map<String, String> texts = new LinkedHashMap<>();
            ResourceBundle
                .getBundle(BUNDLE, l,
                        ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES))
                .keySet()
                .stream()
                .sorted()
                .forEach(key -> texts.put(key, text(l, key)));
            return Collections.unmodifiableMap(texts);
        });
    }

    /**
     * A Teams locale ({@code de-DE}, {@code en-US}, null) as the language LUX answers in:
     * German or English.
     */
    public static Locale locale(String teamsLocale) {
        String primary = teamsLocale == null ? "" : teamsLocale.strip().split("[-_]", 2)[0].toLowerCase(Locale.ROOT);
        return LANGUAGES.contains(primary) ? Locale.forLanguageTag(primary) : Locale.ENGLISH;
    }

    private static Locale supported(Locale locale) {
        return locale == null ? Locale.ENGLISH : locale(locale.getLanguage());
    }

}
