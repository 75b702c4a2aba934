package lux.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Finds English left in a text meant to be German: the literal phrases of a bundle's
 * English texts (placeholders and choices cut out) that the German bundle does not use
 * too. Backslashes (Markdown escapes on cards) are ignored.
 */
public final class EnglishLeftovers {

    public static final String TEAMS = "i18n/messages_teams";

    private static final Pattern CHOICE = Pattern.compile("\\{\\d+,choice,(?:[^{}]|\\{[^{}]*\\})*\\}");

    private static final Pattern PLACEHOLDER_OR_LINE = Pattern.compile("\\{[^{}]*\\}|\\R|\\s-\\s");

    private static final int SHORTEST = 6;

    private EnglishLeftovers() {
    }

    /**
     * The English phrases of the Teams bundle's keys starting with one of
     * {@code prefixes} found in {@code text}.
     */
    public static List<String> in(String text, String... prefixes) {
        return inBundle(TEAMS, text, prefixes);
    }

    public static List<String> inBundle(String bundle, String text, String... prefixes) {
        String plain = text.replace("\\", "");
        return phrases(bundle, prefixes).stream().filter(plain::contains).toList();
    }

    /**
     * The English phrases to look for: long enough to mean something, and not German too.
     */
    public static Set<String> phrases(String bundle, String... prefixes) {
        Properties english = load(bundle + ".properties");
        String german = String.join("\n",
                load(bundle + "_de.properties").stringPropertyNames()
                    .stream()
                    .map(load(bundle + "_de.properties")::getProperty)
                    .toList());
        Set<String> phrases = new LinkedHashSet<>();
        for (String key : english.stringPropertyNames()) {
            if (!List.of(prefixes).stream().anyMatch(key::startsWith)) {
                continue;
            }
            String literal = CHOICE.matcher(english.getProperty(key).replace("''", "'")).replaceAll("\n");
            for (String piece : PLACEHOLDER_OR_LINE.split(literal)) {
                String phrase = piece.strip().replaceAll("^[-.,:;()\"| ]+|[-.,:;()\"| ]+$", "");
                if (phrase.length() >= SHORTEST && !german.contains(phrase)) {
                    phrases.add(phrase);
                }
            }
        }
        return phrases;
    }

    private static Properties load(String resource) {
        Properties p = new Properties();
        try (InputStream in = EnglishLeftovers.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("No bundle " + resource + " on the class path");
            }
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

}
