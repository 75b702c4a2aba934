package lux.delivery;

import java.util.List;

/**
 * What a test send did: the subject as sent (with its {@code [Test]} prefix), whom it was
 * rendered for, the addresses the transport accepted, and those it refused with the
 * reason.
 */
public record TestSendResult(String subject, String renderedFor, String transport, List<String> sentTo,
        List<String> failed) {
    public TestSendResult {
        sentTo = List.copyOf(sentTo);
        failed = List.copyOf(failed);
    }
}
