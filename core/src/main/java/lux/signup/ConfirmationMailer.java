package lux.signup;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import lux.campaigns.Senders;
import lux.config.CoreProperties;
import lux.delivery.MailTransport;
import lux.delivery.OutgoingMessage;
import lux.delivery.SendResult;
import lux.shared.PublicMessages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * Sends the double opt-in mail through the configured transport, like every LUX mail. It
 * carries only the form's own text and the link: never what the visitor typed (a name
 * field would let anyone mail spam to strangers).
 */
@Component
class ConfirmationMailer {

    private static final Logger log = LoggerFactory.getLogger(ConfirmationMailer.class);

    private final MailTransport transport;

    private final Senders senders;

    private final CoreProperties core;

    private final SignupProperties properties;

    private final PublicMessages messages;

    private final SignupTokens tokens;

    ConfirmationMailer(MailTransport transport, Senders senders, CoreProperties core, SignupProperties properties,
            PublicMessages messages, SignupTokens tokens) {
        this.transport = transport;
        this.senders = senders;
        this.core = core;
        this.properties = properties;
        this.messages = messages;
        this.tokens = tokens;
    }

    /**
     * Sends the mail for pending sign-up {@code pendingId}; a failed send is logged, the
     * visitor may sign up again.
     */
    void send(SignupForm form, long pendingId, String email, Instant validUntil) {
        String link = core.publicBaseUrl().toString().replaceFirst("/$", "") + "/s/confirm/"
                + tokens.confirmation(pendingId, validUntil);
        String hours = String.valueOf(Math.max(1, properties.confirmationValidity().toHours()));
        String subject = form.confirmSubject() != null ? form.confirmSubject()
                : messages.text(form.language(), "signup.confirm.mail.subject");
        String body = form.confirmBody() != null ? form.confirmBody()
                : messages.text(form.language(), "signup.confirm.mail.body");
        String text = body.replace("{hours}", hours).replace("{link}", link);
        String html = "<!doctype html><html lang=\"" + form.language() + "\"><body><p>"
                + HtmlUtils.htmlEscape(body.replace("{hours}", hours), "UTF-8")
                    .replace("\n\n", "</p><p>")
                    .replace("\n", "<br>")
                    .replace("{link}", "<a href=\"" + HtmlUtils.htmlEscape(link, "UTF-8") + "\">"
                            + HtmlUtils.htmlEscape(link, "UTF-8") + "</a>")
                + "</p></body></html>";
        String sender = properties.sender().isBlank() ? senders.defaults().get(0) : properties.sender();
        OutgoingMessage message = new OutgoingMessage(0, 0, "signup-" + pendingId + "-" + UUID.randomUUID(), sender,
                email, oneLine(subject), html, text, Map.of(), null);
        SendResult result = transport.send(message);
        if (!(result instanceof SendResult.Sent)) {
            log.warn("Confirmation mail for sign-up form {} not sent: {}", form.id(), result);
        }
    }

    /** Header injection: a subject is one line whatever was stored. */
    private static String oneLine(String s) {
        return s.replaceAll("\\p{Cntrl}", " ").strip();
    }

}
