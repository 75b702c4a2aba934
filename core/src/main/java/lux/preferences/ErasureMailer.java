package lux.preferences;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import lux.campaigns.Senders;
import lux.config.CoreProperties;
import lux.delivery.MailTransport;
import lux.delivery.OutgoingMessage;
import lux.delivery.SendResult;
import lux.shared.PublicMessages;
import lux.signup.SignupTokens;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * Mails the "confirm the erasure" link through the configured transport, like the double
 * opt-in mail: only whoever reads the mailbox can erase it, not whoever holds a forwarded
 * newsletter.
 */
@Component
class ErasureMailer {

    private static final Logger log = LoggerFactory.getLogger(ErasureMailer.class);

    private final MailTransport transport;

    private final Senders senders;

    private final CoreProperties core;

    private final PreferenceProperties properties;

    private final PublicMessages messages;

    private final SignupTokens tokens;

    ErasureMailer(MailTransport transport, Senders senders, CoreProperties core, PreferenceProperties properties,
            PublicMessages messages, SignupTokens tokens) {
        this.transport = transport;
        this.senders = senders;
        this.core = core;
        this.properties = properties;
        this.messages = messages;
        this.tokens = tokens;
    }

    /** True when the transport took the mail. */
    boolean send(long contactId, String email, String language, Instant validUntil) {
        String link = core.publicBaseUrl().toString().replaceFirst("/$", "") + "/u/erase/"
                + tokens.erasure(contactId, validUntil);
        String hours = String.valueOf(Math.max(1, properties.erasureLinkValidity().toHours()));
        String body = messages.text(language, "prefs.erase.mail.body").replace("{hours}", hours);
        String escapedLink = HtmlUtils.htmlEscape(link, "UTF-8");
        String html = "<!doctype html><html lang=\"" + language + "\"><body><p>"
                + HtmlUtils.htmlEscape(body, "UTF-8")
                    .replace("\n\n", "</p><p>")
                    .replace("\n", "<br>")
                    .replace("{link}", "<a href=\"" + escapedLink + "\">" + escapedLink + "</a>")
                + "</p></body></html>";
        String sender = properties.sender().isBlank() ? senders.defaults().get(0) : properties.sender();
        OutgoingMessage message = new OutgoingMessage(0, 0, "erasure-" + contactId + "-" + UUID.randomUUID(), sender,
                email, messages.text(language, "prefs.erase.mail.subject"), html, body.replace("{link}", link),
                Map.of(), null);
        SendResult result = transport.send(message);
        if (!(result instanceof SendResult.Sent)) {
            log.warn("Erasure confirmation mail for contact {} not sent: {}", contactId, result);
            return false;
        }
        return true;
    }

}
