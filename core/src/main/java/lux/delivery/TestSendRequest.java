package lux.delivery;

import java.util.List;

/**
 * A "send me a test": to the requester's own address when {@code to} is empty (else to at
 * most five addresses), rendered for the contact with {@code contactEmail}, or for the
 * sample contact when that is empty.
 */
public record TestSendRequest(List<String> to, String contactEmail) {
    public TestSendRequest {
        to = to == null ? List.of() : List.copyOf(to);
    }

    public static TestSendRequest toMe() {
        return new TestSendRequest(List.of(), null);
    }
}
