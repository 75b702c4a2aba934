package lux.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The classifier on every sample in src/test/resources/lux/inbound, and on what must not
 * be mistaken for them.
 */
class MailClassifierTest {

    private final MailClassifier classifier = new MailClassifier();

    @Test
    void exchangeOnlineNdrIsAHardBounceOfTheRecipientInTheReturnedHeaders() {
        Classification c = classifier.classify(Samples.bytes("exchange-ndr.eml"));
        assertThat(c.kind()).isEqualTo(InboundKind.HARD_BOUNCE);
        assertThat(c.status()).isEqualTo("5.1.10");
        assertThat(c.recipient()).isEqualTo("ann.lee@fabrikam.example");
        assertThat(c.luxMessageId()).isEqualTo("lux-c41-r977");
        assertThat(c.ref()).isEqualTo(new RecipientRef(41, 977));
    }

    @Test
    void rfc3464FailureWithStatus5IsHardAndMatchedThroughTheEmbeddedMessage() {
        Classification c = classifier.classify(Samples.bytes("dsn-hard.eml"));
        assertThat(c.kind()).isEqualTo(InboundKind.HARD_BOUNCE);
        assertThat(c.status()).isEqualTo("5.1.1");
        assertThat(c.recipient()).isEqualTo("bob.stone@fabrikam.example");
        assertThat(c.luxMessageId()).isEqualTo("lux-c41-r978");
    }

    @Test
    void delayedReportIsSoftAndMatchedThroughTheReturnedHeaders() {
        Classification c = classifier.classify(Samples.bytes("dsn-soft.eml"));
        assertThat(c.kind()).isEqualTo(InboundKind.SOFT_BOUNCE);
        assertThat(c.status()).isEqualTo("4.2.2");
        assertThat(c.recipient()).isEqualTo("cleo.park@fabrikam.example");
        assertThat(c.luxMessageId()).isEqualTo("lux-c41-r979");
    }

    @Test
    void failedWithA4xxStatusIsSoft() {
        String failed = Samples.text("dsn-soft.eml").replace("Action: delayed", "Action: failed");
        assertThat(classifier.classify(failed.getBytes(StandardCharsets.UTF_8)).kind())
            .isEqualTo(InboundKind.SOFT_BOUNCE);
    }

    @Test
    void successReportIsNoBounce() {
        String delivered = Samples.text("dsn-hard.eml")
            .replace("Action: failed", "Action: delivered")
            .replace("Status: 5.1.1", "Status: 2.0.0");
        Classification c = classifier.classify(delivered.getBytes(StandardCharsets.UTF_8));
        assertThat(c.kind()).isEqualTo(InboundKind.OTHER);
    }

    @Test
    void ndrWithoutAReportPartIsRecognisedBySubjectAndStatusCode() {
        Classification c = classifier.classify(Samples.bytes("ndr-without-report.eml"));
        assertThat(c.kind()).isEqualTo(InboundKind.HARD_BOUNCE);
        assertThat(c.status()).isEqualTo("5.1.1");
        assertThat(c.recipient()).isEqualTo("gus.hale@fabrikam.example");
        assertThat(c.luxMessageId()).isEqualTo("lux-c41-r983");
    }

    @Test
    void outOfOfficeWithAutoSubmittedIsAnAutoReplyOfItsCampaign() {
        Classification c = classifier.classify(Samples.bytes("oof-auto-submitted.eml"));
        assertThat(c.kind()).isEqualTo(InboundKind.AUTO_REPLY);
        assertThat(c.luxMessageId()).isEqualTo("lux-c41-r980");
    }

    @Test
    void germanOutOfOfficeSubjectAloneIsEnough() {
        String bare = Samples.text("oof-auto-submitted.eml")
            .replace("Auto-Submitted: auto-replied\r\n", "")
            .replace("X-Auto-Response-Suppress: All\r\n", "");
        assertThat(classifier.classify(bare.getBytes(StandardCharsets.UTF_8)).kind()).isEqualTo(InboundKind.AUTO_REPLY);
    }

    @Test
    void unsubscribeMailCarriesItsToken() {
        Classification c = classifier.classify(Samples.bytes("unsubscribe.eml"));
        assertThat(c.kind()).isEqualTo(InboundKind.UNSUBSCRIBE);
        assertThat(c.unsubscribeToken()).isEqualTo("UNSUBSCRIBE_TOKEN");
    }

    @Test
    void humanReplyIsMatchedThroughInReplyTo() {
        Classification c = classifier.classify(Samples.bytes("human-reply.eml"));
        assertThat(c.kind()).isEqualTo(InboundKind.REPLY);
        assertThat(c.luxMessageId()).isEqualTo("lux-c41-r982");
    }

    @Test
    void personSayingUndeliverableWithoutAStatusCodeIsAReplyNotABounce() {
        String reply = Samples.text("human-reply.eml")
            .replace("Subject: Re: Spring sale starts today", "Subject: Undeliverable: your parcel");
        assertThat(classifier.classify(reply.getBytes(StandardCharsets.UTF_8)).kind()).isEqualTo(InboundKind.REPLY);
    }

    @Test
    void replyCutAtTheReadersLimitOrToItsHeadersIsStillAReply() {
        String reply = Samples.text("human-reply.eml");
        String big = reply.replace("--000000000000a1b2c3d4e5f6--",
                "--000000000000a1b2c3d4e5f6\r\nContent-Type: application/pdf\r\n"
                        + "Content-Transfer-Encoding: base64\r\n\r\n" + "QUJD\r\n".repeat(1_500_000)
                        + "--000000000000a1b2c3d4e5f6--");
        byte[] cut = java.util.Arrays.copyOf(big.getBytes(StandardCharsets.UTF_8), InboundMail.MAX_BYTES);
        assertThat(classifier.classify(cut).kind()).isEqualTo(InboundKind.REPLY);
        String headersOnly = reply.substring(0, reply.indexOf("\r\n\r\n") + 4);
        assertThat(classifier.classify(headersOnly.getBytes(StandardCharsets.UTF_8)).kind())
            .isEqualTo(InboundKind.REPLY);
    }

    @Test
    void mailThatIsNoneOfThemIsOtherAndGarbageIsNeverAnError() {
        String unrelated = Samples.text("human-reply.eml").replaceAll("(?m)^(In-Reply-To|References): .*\r\n", "");
        assertThat(classifier.classify(unrelated.getBytes(StandardCharsets.UTF_8)).kind()).isEqualTo(InboundKind.OTHER);
        assertThat(classifier.classify(new byte[] { 0, 1, 2, (byte) 0xff }).kind()).isEqualTo(InboundKind.OTHER);
        assertThat(classifier
            .classify("Content-Type: multipart/report; report-type=delivery-status; boundary=x\r\n\r\n--x\r\n"
                .getBytes(StandardCharsets.UTF_8))
            .kind()).isEqualTo(InboundKind.OTHER);
    }

}
