package lux.delivery.smtp;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.URLName;
import jakarta.mail.internet.MimeMessage;
import java.util.Map;
import java.util.Properties;
import lux.delivery.MailTransport;
import lux.delivery.OutgoingMessage;
import lux.delivery.SendResult;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Sends through an SMTP server configured with Spring's {@code spring.mail.*}; multipart
 * HTML + text, List-Unsubscribe. At most once: connect, read and write are bounded by
 * {@code lux.smtp.*}, and a failure after the server took the message's content (DATA)
 * without a definite reply is an unknown outcome, like Graph's, never a retry.
 */
@Component
@ConditionalOnProperty(name = "lux.mail.transport", havingValue = "smtp")
@EnableConfigurationProperties(SmtpProperties.class)
class SmtpTransport implements MailTransport {

    private final JavaMailSender mail;

    SmtpTransport(ObjectProvider<JavaMailSender> sender, SmtpProperties limits) {
        JavaMailSender configured = sender.getIfAvailable();
        this.mail = configured instanceof JavaMailSenderImpl impl ? tracking(impl, limits) : configured;
    }

    /**
     * Spring Boot's mail sender (spring.mail.*), copied with time limits (unless
     * spring.mail.properties sets its own) and with connections that note whether the
     * message's content was handed over.
     */
    static JavaMailSenderImpl tracking(JavaMailSenderImpl configured, SmtpProperties limits) {
        JavaMailSenderImpl copy = new JavaMailSenderImpl() {
            @Override
            protected Transport getTransport(Session session) {
                String protocol = getProtocol() == null ? "smtp" : getProtocol();
                // as Spring's own: no host or credentials in the URLName (they go to
                // connect(), never into a URL string)
                return new PhaseTrackingSmtpTransport(session, new URLName(protocol, null, -1, null, null, null),
                        protocol);
            }
        };
        copy.setHost(configured.getHost());
        copy.setPort(configured.getPort());
        copy.setUsername(configured.getUsername());
        copy.setPassword(configured.getPassword());
        copy.setProtocol(configured.getProtocol());
        copy.setDefaultEncoding(configured.getDefaultEncoding());
        copy.setDefaultFileTypeMap(configured.getDefaultFileTypeMap());
        copy.setJavaMailProperties(configure(configured.getJavaMailProperties(), configured.getProtocol(), limits));
        return copy;
    }

    static Properties configure(Properties given, String protocol, SmtpProperties limits) {
        Properties properties = new Properties();
        properties.putAll(given);
        String p = "mail." + (protocol == null ? "smtp" : protocol) + ".";
        properties.putIfAbsent(p + "connectiontimeout", String.valueOf(limits.connectTimeout().toMillis()));
        properties.putIfAbsent(p + "timeout", String.valueOf(limits.readTimeout().toMillis()));
        properties.putIfAbsent(p + "writetimeout", String.valueOf(limits.writeTimeout().toMillis()));
        return properties;
    }

    @Override
    public String name() {
        return "smtp";
    }

    @Override
    public SendResult send(OutgoingMessage m) {
        if (mail == null) {
            return new SendResult.Fatal(
                    "lux.mail.transport is smtp but no SMTP server is configured: set spring.mail.host "
                            + "(and spring.mail.port, spring.mail.username, spring.mail.password).");
        }
        PhaseTrackingSmtpTransport.reset();
        MimeMessage message = null;
        try {
            message = mail.createMimeMessage();
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
        }
        catch (MailAuthenticationException e) {
            return new SendResult.Unauthorized("The SMTP server refused LUX's login: " + e.getMessage());
        }
        catch (MailSendException e) {
            for (Exception cause : e.getFailedMessages().values()) {
                if (cause instanceof AuthenticationFailedException) {
                    return new SendResult.Unauthorized("The SMTP server refused LUX's login: " + cause.getMessage());
                }
            }
            return failed(e, message);
        }
        catch (MailException e) {
            return failed(e, message);
        }
        catch (MessagingException e) {
            return new SendResult.Permanent("The message could not be built: " + e.getMessage());
        }
    }

    /**
     * What a failed exchange means for the recipient, by how far it got and what the
     * server said.
     */
    private static SendResult failed(MailException e, MimeMessage message) {
        PhaseTrackingSmtpTransport.Phase phase = PhaseTrackingSmtpTransport.phase();
        if (phase == PhaseTrackingSmtpTransport.Phase.ACCEPTED) {
            return new SendResult.Sent(messageId(message)); // the server took it; only
                                                            // closing the connection
                                                            // failed
        }
        Integer code = replyCode(e);
        if (code != null && code >= 500) {
            return new SendResult.Permanent("The SMTP server refused the message (" + code + "): " + e.getMessage());
        }
        if (code != null && code >= 400) {
            return new SendResult.Transient("The SMTP server deferred the message (" + code + "): " + e.getMessage(),
                    null);
        }
        if (phase == PhaseTrackingSmtpTransport.Phase.DATA_STARTED) {
            return new SendResult.Unknown(
                    "the SMTP server got the message but gave no answer (" + rootMessage(e) + ")");
        }
        return new SendResult.Transient("SMTP send failed before the message was handed over: " + e.getMessage(), null);
    }

    /**
     * The server's reply code when it answered with a refusal (then nothing was
     * delivered), else null.
     */
    private static Integer replyCode(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SMTPSendFailedException f) {
                return f.getReturnCode();
            }
            if (t instanceof SMTPAddressFailedException f) {
                return f.getReturnCode();
            }
            if (t instanceof MailSendException m) {
                for (Exception failed : m.getFailedMessages().values()) {
                    Integer code = replyCode(failed);
                    if (code != null) {
                        return code;
                    }
                }
            }
            if (t instanceof MessagingException m && m.getNextException() != null
                    && m.getNextException() != m.getCause()) {
                Integer code = replyCode(m.getNextException());
                if (code != null) {
                    return code;
                }
            }
        }
        return null;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        for (Exception failed : e instanceof MailSendException m ? m.getFailedMessages().values()
                : java.util.List.<Exception>of()) {
            root = failed;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    private static String messageId(MimeMessage message) {
        try {
            return message == null ? null : message.getMessageID();
        }
        catch (MessagingException e) {
            return null;
        }
    }

}
