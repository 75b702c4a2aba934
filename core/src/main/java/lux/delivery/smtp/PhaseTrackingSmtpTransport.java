package lux.delivery.smtp;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.URLName;
import java.io.IOException;
import java.io.OutputStream;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * Angus Mail's SMTP transport that notes, per sending thread, how far a message got: once
 * DATA was accepted the message may be delivered even if no reply follows, so a failure
 * from then on is an unknown outcome, not a retry. Made by {@link SmtpTransport}'s mail
 * sender for each connection.
 */
class PhaseTrackingSmtpTransport extends SMTPTransport {

    enum Phase {

        BEFORE_DATA, DATA_STARTED, ACCEPTED

    }

    private static final ThreadLocal<Phase> PHASE = ThreadLocal.withInitial(() -> Phase.BEFORE_DATA);

    PhaseTrackingSmtpTransport(Session session, URLName urlname, String protocol) {
        super(session, urlname, protocol, "smtps".equals(protocol));
    }

    static void reset() {
        PHASE.set(Phase.BEFORE_DATA);
    }

    static Phase phase() {
        return PHASE.get();
    }

    @Override
    protected OutputStream data() throws MessagingException {
        OutputStream out = super.data(); // the server answered 354: from here on the
                                         // content is on its way
        PHASE.set(Phase.DATA_STARTED);
        return out;
    }

    @Override
    protected void finishData() throws IOException, MessagingException {
        super.finishData(); // the server answered 250 to the final dot: it took the
                            // message
        PHASE.set(Phase.ACCEPTED);
    }

    @Override
    protected OutputStream bdat() throws MessagingException {
        OutputStream out = super.bdat();
        PHASE.set(Phase.DATA_STARTED);
        return out;
    }

    @Override
    protected void finishBdat() throws IOException, MessagingException {
        super.finishBdat();
        PHASE.set(Phase.ACCEPTED);
    }

}
