package lux.teams;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import lux.agent.TeamsMessages;
import lux.inbound.InboundEvent;
import org.springframework.stereotype.Component;

/**
 * The cards for what the mailbox reader found, in the campaign owner's language: people
 * replied to a campaign; LUX paused one for its bounces.
 */
@Component
class MailboxCards {

    private final CardTemplates templates;

    private final TeamsMessages messages;

    MailboxCards(CardTemplates templates, TeamsMessages messages) {
        this.templates = templates;
        this.messages = messages;
    }

    Card replies(InboundEvent.RepliesReceived e, Locale locale) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("title", messages.text(locale, "card.mailbox.replies.title", e.totalReplies(), e.name()));
        data.put("text",
                (e.newReplies() == e.totalReplies() ? ""
                        : messages.text(locale, "card.mailbox.replies.new", e.newReplies()) + " ")
                        + messages.text(locale, "card.mailbox.replies.where"));
        data.put("link", outlookLink(e.webLink()));
        return templates.render("replies", data, locale);
    }

    Card pausedForBounces(InboundEvent.PausedForBounces e, Locale locale) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("title", messages.text(locale, "card.mailbox.bounces.title", e.name()));
        data.put("text", messages.text(locale, "card.mailbox.bounces.text", String.valueOf(e.hardBounces()),
                String.valueOf(e.accepted()), percent(e.rate(), locale), percent(e.threshold(), locale), e.name()));
        data.put("link", null);
        return templates.render("replies", data, locale);
    }

    /**
     * Only an https link becomes a button: the link came from a mailbox, not from LUX.
     */
    static String outlookLink(String webLink) {
        if (webLink == null) {
            return null;
        }
        try {
            URI uri = URI.create(webLink);
            return "https".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null ? webLink : null;
        }
        catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** 4.2% in English, 4,2 % in German. */
    private static String percent(double rate, Locale locale) {
        boolean german = locale != null && locale.getLanguage().equals("de");
        return String.format(german ? Locale.GERMAN : Locale.ROOT, german ? "%.1f %%" : "%.1f%%", rate * 100);
    }

}
