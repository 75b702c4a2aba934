package lux.templates;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The content rules mail filters apply, shared by the content optimiser (advice in chat)
 * and the pre-flight check (before a campaign is confirmed): how long a subject may be
 * before phones cut it, and the phrases filters distrust.
 */
public final class ContentRules {

    /** Characters of a subject most phones show. */
    public static final int SUBJECT_MAX = 60;

    private static final List<String> SPAM_PHRASES = List.of("free", "act now", "100%", "guarantee", "guaranteed",
            "winner", "cash", "urgent", "click here", "buy now", "limited time", "risk-free", "risk free", "no cost",
            "order now", "earn money", "make money", "double your", "lowest price", "best price", "congratulations",
            "!!!", "100% free", "once in a lifetime", "miracle", "prize", "no obligation", "special promotion", "$$$");

    private static final List<Pattern> MATCHERS = SPAM_PHRASES.stream().map(ContentRules::matcher).toList();

    private ContentRules() {
    }

    /**
     * The spam-trigger phrases in {@code text}, in the rules' order; whole words only
     * where the phrase is a word.
     */
    public static List<String> spamPhrases(String text) {
        String lower = text == null ? "" : text.toLowerCase(Locale.ROOT);
        List<String> found = new ArrayList<>();
        for (int i = 0; i < SPAM_PHRASES.size(); i++) {
            if (MATCHERS.get(i).matcher(lower).find()) {
                found.add(SPAM_PHRASES.get(i));
            }
        }
        return found;
    }

    private static Pattern matcher(String phrase) {
        boolean wordLike = Character.isLetter(phrase.charAt(0))
                && Character.isLetter(phrase.charAt(phrase.length() - 1));
        return Pattern
            .compile(wordLike ? "(?<![\\p{L}])" + Pattern.quote(phrase) + "(?![\\p{L}])" : Pattern.quote(phrase));
    }

}
