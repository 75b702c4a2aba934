package lux.agent.insights;

import java.util.List;

/**
 * What code can measure about an email: subject and preview text, spam-trigger words,
 * links and images, personalisation, the unsubscribe link and readability (Flesch reading
 * ease, 0-100, higher is easier).
 */
public record ContentReport(String subject, int subjectLength, int subjectWords, String previewText,
        List<String> spamWords, int exclamationMarks, List<String> shoutedWords, int links, int images,
        int imagesWithoutAlt, int bodyWords, boolean personalised, boolean unsubscribeLink, double readingEase,
        double wordsPerSentence, List<String> subjectVariants, List<String> problems) {
}
