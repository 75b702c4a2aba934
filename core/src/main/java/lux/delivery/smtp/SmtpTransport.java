package lux.delivery.smtp;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.MimeMessage;
import java.util.Map;
import lux.delivery.MailTransport;
import lux.delivery.OutgoingMessage;
import lux.delivery.SendResult;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/** Sends through an SMTP server configured with Spring's {@code spring.mail.*}; multipart HTML + text, List-Unsubscribe. */
@Component
@ConditionalOnProperty(name = "lux.mail.transport", havingValue = "smtp")
class SmtpTransport implements MailTransport {
    private final ObjectProvider<JavaMailSender> sender;

    SmtpTransport(ObjectProvider<JavaMailSender> sender) {
        this.sender = sender;
    }

    @Override
    public String name() {
        return "smtp";
    }

    @Override
    public SendResult send(OutgoingMessage m) {
        JavaMailSender mail = sender.getIfAvailable();
        if (mail == null) {
            return new SendResult.Fatal("lux.mail.transport is smtp but no SMTP server is configured: set spring.mail.host "
                    + "(and spring.mail.port, spring.mail.username, spring.mail.password).");
        }
        try {
            MimeMessage message = mail.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
            helper.setFrom(m.from());
            helper.setTo(m.to());
            helper.setSubject(m.subject());
            helper.setText(m.text(), m.html());
            for (Map.Entry<String, String> h : m.headers().entrySet()) {
                message.setHeader(h.getKey(), h.getValue());
            }
            if (m.unsubscribeUrl() != null) {
                message.setHeader("List-Unsubscribe", "<" + m.unsubscribeUrl() + ">");
                message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
            }
            mail.send(message);
            return new SendResult.Sent(message.getMessageID());
        } catch (MailAuthenticationException e) {
            return new SendResult.Unauthorized("The SMTP server refused LUX's login: " + e.getMessage());
        } catch (MailSendException e) {
            for (Exception cause : e.getFailedMessages().values()) {
                if (cause instanceof AuthenticationFailedException) {
                    return new SendResult.Unauthorized("The SMTP server refused LUX's login: " + cause.getMessage());
                }
                if (cause instanceof SendFailedException sf && sf.getInvalidAddresses() != null && sf.getInvalidAddresses().length > 0) {
                    return new SendResult.Permanent("The SMTP server rejected the address: " + sf.getMessage());
                }
            }
            return new SendResult.Transient("SMTP send failed: " + e.getMessage(), null);
        } catch (MailException e) {
            return new SendResult.Transient("SMTP send failed: " + e.getMessage(), null);
        } catch (MessagingException e) {
            return new SendResult.Permanent("The message could not be built: " + e.getMessage());
        }
    }
}
