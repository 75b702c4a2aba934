package lux.teams;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import lux.inbound.InboundEvent;
import org.springframework.stereotype.Component;

/**
 * The cards for what the mailbox reader found: people replied to a campaign; LUX paused
 * one for its bounces.
 */
@Component
class MailboxCards {

    private final CardTemplates templates;

    MailboxCards(CardTemplates templates) {
        this.templates = templates;
    }

    Card replies(InboundEvent.RepliesReceived e) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("title", people(e.totalReplies()) + " replied to \"" + e.name() + "\"");
        data.put("text", (e.newReplies() == e.totalReplies() ? "" : e.newReplies() + " new since the last note. ")
                + "The replies are in the sender mailbox, in the folder LUX processed.");
        data.put("link", outlookLink(e.webLink()));
        return templates.render("replies", data);
    }

    Card pausedForBounces(InboundEvent.PausedForBounces e) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("title", "LUX paused \"" + e.name() + "\": too many addresses bounced");
        data.put("text",
                e.hardBounces() + " of " + e.accepted() + " messages (" + percent(e.rate())
                        + ") came back as undeliverable, " + "more than the " + percent(e.threshold())
                        + " mail providers tolerate before they throttle the sender. "
                        + "Those addresses are suppressed already. Check where the list came from, then type resume "
                        + e.name() + ".");
        data.put("link", null);
        return templates.render("replies", data);
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

    private static String people(long n) {
        return n == 1 ? "1 person" : n + " people";
    }

    private static String percent(double rate) {
        return String.format(Locale.ROOT, "%.1f%%", rate * 100);
    }

}
