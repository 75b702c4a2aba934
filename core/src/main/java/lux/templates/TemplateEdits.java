package lux.templates;

import lux.audit.Actor;
import lux.shared.InvalidInputException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * One part of a template changed at a time, as people ask in chat ("change the subject to
 * …", "make the button say Register"). Every change goes through
 * {@link TemplateService#update}, so validation, sanitising and the withdrawal of stale
 * Confirm cards stay in one place.
 */
@Service
public class TemplateEdits {

    static final int MAX_FIND = 2000;

    private final TemplateService templates;

    TemplateEdits(TemplateService templates) {
        this.templates = templates;
    }

    /**
     * What an edit did: the template before and after, and in how many places the text
     * changed.
     */
    public record Edit(TemplateView before, TemplateView after, int places) {
    }

    @Transactional
    public Edit setSubject(long id, String subject, Actor actor) {
        if (subject == null || subject.isBlank()) {
            throw new InvalidInputException("subject", "Give the new subject.");
        }
        TemplateView before = templates.get(id);
        TemplateView after = templates.update(id,
                new TemplateContent(before.name(), subject.strip(), before.htmlBody(), before.textBody()), actor);
        return new Edit(before, after, 1);
    }

    /**
     * Replaces every occurrence of {@code find} in the subject, HTML and plain-text body;
     * refuses when it is nowhere.
     */
    @Transactional
    public Edit replaceText(long id, String find, String replacement, Actor actor) {
        if (find == null || find.isEmpty()) {
            throw new InvalidInputException("find", "Give the text to replace, exactly as it stands in the template.");
        }
        if (find.length() > MAX_FIND) {
            throw new InvalidInputException("find", "The text to replace is longer than " + MAX_FIND + " characters.");
        }
        String with = replacement == null ? "" : replacement;
        TemplateView before = templates.get(id);
        int places = count(before.subject(), find) + count(before.htmlBody(), find) + count(before.textBody(), find);
        if (places == 0) {
            throw new InvalidInputException("find", "\"" + shown(find) + "\" is not in template \"" + before.name()
                    + "\". Nothing was changed; preview it to see its text.");
        }
        TemplateView after = templates.update(id,
                new TemplateContent(before.name(), replace(before.subject(), find, with),
                        replace(before.htmlBody(), find, with), replace(before.textBody(), find, with)),
                actor);
        return new Edit(before, after, places);
    }

    private static int count(String text, String find) {
        if (text == null) {
            return 0;
        }
        int n = 0;
        for (int at = text.indexOf(find); at >= 0; at = text.indexOf(find, at + find.length())) {
            n++;
        }
        return n;
    }

    private static String replace(String text, String find, String with) {
        return text == null ? null : text.replace(find, with);
    }

    private static String shown(String text) {
        return text.length() > 80 ? text.substring(0, 80) + "…" : text;
    }

}
