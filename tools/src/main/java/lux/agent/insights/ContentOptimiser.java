package lux.agent.insights;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lux.templates.ContentRules;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.springframework.stereotype.Component;

/**
 * Measures an email's content; the model words the advice, the numbers come from here.
 */
@Component
public class ContentOptimiser {

    static final int SUBJECT_MAX = ContentRules.SUBJECT_MAX;

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}'’-]+");

    private static final Pattern SHOUT = Pattern.compile("\\b[A-Z]{4,}\\b");

    private static final Pattern PERSONAL = Pattern.compile("\\{\\{\\s*contact\\.");

    public ContentReport check(String subject, String html) {
        String s = subject == null ? "" : subject.strip();
        Document doc = Jsoup.parse(html == null ? "" : html);
        String text = doc.body() == null ? "" : doc.body().text();
        String all = (s + " " + text).toLowerCase(Locale.ROOT);

        List<String> spam = ContentRules.spamPhrases(all);
        Set<String> shouted = new LinkedHashSet<>();
        Matcher m = SHOUT.matcher(s + " " + text);
        while (m.find()) {
            shouted.add(m.group());
        }
        int exclamations = (int) (s + text).chars().filter(c -> c == '!').count();
        int links = doc.select("a[href]").size();
        int images = doc.select("img").size();
        int noAlt = (int) doc.select("img").stream().filter(i -> i.attr("alt").isBlank()).count();
        boolean personalised = PERSONAL.matcher(s).find() || PERSONAL.matcher(html == null ? "" : html).find();
        boolean unsubscribe = false;
        for (Element a : doc.select("a[href]")) {
            String href = a.attr("href").toLowerCase(Locale.ROOT);
            if (href.contains("unsubscribe") || a.text().toLowerCase(Locale.ROOT).contains("unsubscribe")) {
                unsubscribe = true;
            }
        }
        unsubscribe |= html != null && html.contains("unsubscribe_url");

        List<String> words = words(text);
        int sentences = Math.max(1, text.split("[.!?]+(\\s|$)").length);
        int syllables = words.stream().mapToInt(ContentOptimiser::syllables).sum();
        double wps = words.isEmpty() ? 0 : (double) words.size() / sentences;
        double ease = words.isEmpty() ? 0 : 206.835 - 1.015 * wps - 84.6 * ((double) syllables / words.size());
        ease = Math.max(0, Math.min(100, Math.round(ease * 10) / 10.0));
        String preview = text.length() > 90 ? text.substring(0, 90).strip() + "…" : text;

        List<String> problems = new ArrayList<>();
        if (s.isEmpty()) {
            problems.add("The subject is empty.");
        }
        else if (s.length() > SUBJECT_MAX) {
            problems
                .add("The subject has " + s.length() + " characters; phones cut it after about " + SUBJECT_MAX + ".");
        }
        if (!spam.isEmpty()) {
            problems.add("Spam-trigger words: " + String.join(", ", spam) + ".");
        }
        if (exclamations > 1) {
            problems.add(exclamations + " exclamation marks; one at most reads calmer and filters better.");
        }
        if (!shouted.isEmpty()) {
            problems.add("Words in capitals: " + String.join(", ", shouted) + ".");
        }
        if (!personalised) {
            problems.add("No personalisation: use {{ contact.first_name }} in the greeting or subject.");
        }
        if (!unsubscribe) {
            problems.add(
                    "No visible unsubscribe link in the body (LUX adds the List-Unsubscribe header, but people look for a link).");
        }
        if (noAlt > 0) {
            problems.add(noAlt + " of " + images + " images have no alt text.");
        }
        if (images > 0 && words.size() < 50) {
            problems
                .add("Mostly images and little text (" + words.size() + " words): filters distrust image-only mail.");
        }
        if (links > 10) {
            problems.add(links + " links; fewer, clearer calls to action work better.");
        }
        if (!words.isEmpty() && ease < 50) {
            problems.add("Hard to read (reading ease " + ease + "): use shorter sentences and simpler words.");
        }
        return new ContentReport(s, s.length(), words(s).size(), preview, spam, exclamations, List.copyOf(shouted),
                links, images, noAlt, words.size(), personalised, unsubscribe, ease, Math.round(wps * 10) / 10.0,
                variants(s, personalised), problems);
    }

    /** Mechanical starting points; the model rewrites them in the campaign's tone. */
    static List<String> variants(String subject, boolean personalised) {
        List<String> variants = new ArrayList<>();
        if (subject.isEmpty()) {
            return variants;
        }
        String calm = subject.replaceAll("!+", "").strip();
        if (!personalised) {
            variants.add("{{ contact.first_name }}, " + Character.toLowerCase(calm.charAt(0)) + calm.substring(1));
        }
        if (calm.length() > SUBJECT_MAX) {
            int cut = calm.lastIndexOf(' ', SUBJECT_MAX - 1);
            variants.add(calm.substring(0, cut > 20 ? cut : SUBJECT_MAX - 1).strip());
        }
        if (!calm.endsWith("?")) {
            variants.add("Ready for " + Character.toLowerCase(calm.charAt(0)) + calm.substring(1) + "?");
        }
        if (!calm.equals(subject)) {
            variants.add(calm);
        }
        return variants;
    }

    private static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        Matcher m = WORD.matcher(text);
        while (m.find()) {
            words.add(m.group());
        }
        return words;
    }

    /** Vowel groups, a standard approximation for English. */
    static int syllables(String word) {
        String w = word.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
        if (w.isEmpty()) {
            return 1;
        }
        int count = 0;
        boolean vowel = false;
        for (char c : w.toCharArray()) {
            boolean v = "aeiouy".indexOf(c) >= 0;
            if (v && !vowel) {
                count++;
            }
            vowel = v;
        }
        if (w.endsWith("e") && count > 1) {
            count--;
        }
        return Math.max(1, count);
    }

}
