package lux.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TrackingTokensTest {

    final TrackingTokens tokens = new TrackingTokens(
            "a test key of more than sixteen bytes".getBytes(StandardCharsets.UTF_8));

    @Test
    void aSignedTokenVerifiesAndIsCompact() {
        String click = tokens.sign(TokenKind.CLICK, 12, 1_234_567, 89);
        assertThat(click).hasSizeLessThan(32).matches("[A-Za-z0-9_-]+");
        assertThat(tokens.verify(TokenKind.CLICK, click))
            .contains(new TrackingToken(TokenKind.CLICK, 12, 1_234_567, 89));
        assertThat(tokens.verify(TokenKind.OPEN, tokens.sign(TokenKind.OPEN, 1, 2, 0)))
            .contains(new TrackingToken(TokenKind.OPEN, 1, 2, 0));
    }

    @Test
    void forgedTruncatedOrRepurposedTokensFail() {
        String open = tokens.sign(TokenKind.OPEN, 7, 42, 0);
        char last = open.charAt(3);
        String altered = open.substring(0, 3) + (last == 'A' ? 'B' : 'A') + open.substring(4);
        assertThat(tokens.verify(TokenKind.OPEN, altered)).isEmpty();
        assertThat(tokens.verify(TokenKind.OPEN, open.substring(0, open.length() - 1))).isEmpty();
        assertThat(tokens.verify(TokenKind.OPEN, open.substring(0, 5))).isEmpty();
        assertThat(tokens.verify(TokenKind.OPEN, "")).isEmpty();
        assertThat(tokens.verify(TokenKind.OPEN, "not base64 at all!")).isEmpty();
        assertThat(tokens.verify(TokenKind.UNSUBSCRIBE, open)).as("an open token cannot unsubscribe").isEmpty();
        TrackingTokens otherKey = new TrackingTokens("another key, also long enough".getBytes(StandardCharsets.UTF_8));
        assertThat(otherKey.verify(TokenKind.OPEN, open)).isEmpty();
    }

}
