package lux.shared.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * The shared body limit: a declared length over it is refused unread, a body without one
 * fails while it is read, an exempt request passes untouched.
 */
class BodyLimitTest {

    final BodyLimit limit = new BodyLimit(10, "Too big (x.max)",
            (response, message) -> response.getWriter().write("refused: " + message),
            request -> "multipart/form-data".equals(request.getContentType()));

    @Test
    void aDeclaredLengthOverTheLimitIs413AndTheChainNeverRuns() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/x");
        request.setContent(new byte[11]);
        MockHttpServletResponse response = new MockHttpServletResponse();
        AtomicReference<Object> reached = new AtomicReference<>();

        limit.doFilter(request, response, (req, res) -> reached.set(req));

        assertThat(response.getStatus()).isEqualTo(413);
        assertThat(response.getHeader("Connection")).isEqualTo("close");
        assertThat(response.getContentAsString()).isEqualTo("refused: Too big (x.max)");
        assertThat(reached).hasNullValue();
    }

    @Test
    void aBodyWithoutALengthFailsAtTheLimitWhileItIsRead() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/x") {
            @Override
            public long getContentLengthLong() {
                return -1; // chunked
            }
        };
        request.setContent("x".repeat(50).getBytes(StandardCharsets.UTF_8));
        AtomicReference<HttpServletRequest> seen = new AtomicReference<>();

        limit.doFilter(request, new MockHttpServletResponse(), (req, res) -> seen.set((HttpServletRequest) req));

        assertThatThrownBy(() -> seen.get().getInputStream().readAllBytes()).isInstanceOf(BodyLimit.TooLarge.class)
            .hasMessage("Too big (x.max)");
    }

    @Test
    void aBodyAtTheLimitOrAnExemptOneIsReadWhole() throws Exception {
        MockHttpServletRequest small = new MockHttpServletRequest("POST", "/x");
        small.setContent("0123456789".getBytes(StandardCharsets.UTF_8));
        AtomicReference<byte[]> read = new AtomicReference<>();
        limit.doFilter(small, new MockHttpServletResponse(),
                (req, res) -> read.set(req.getInputStream().readAllBytes()));
        assertThat(read.get()).hasSize(10);

        MockHttpServletRequest upload = new MockHttpServletRequest("POST", "/x");
        upload.setContentType("multipart/form-data");
        upload.setContent(new byte[1000]);
        limit.doFilter(upload, new MockHttpServletResponse(),
                (req, res) -> read.set(req.getInputStream().readAllBytes()));
        assertThat(read.get()).hasSize(1000);
    }

}
