package lux.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.Test;

/**
 * The link check never points LUX at its own network: private, loopback and metadata
 * addresses are refused unchecked.
 */
class LinkCheckerTest {

    @Test
    void privateAddressesAreRefusedWithoutConnecting() throws Exception {
        InetAddress metadata = InetAddress.getByAddress("metadata.example.net",
                new byte[] { (byte) 169, (byte) 254, (byte) 169, (byte) 254 });
        LinkChecker checker = new LinkChecker(
                Duration.ofSeconds(1), false, host -> host.equals("metadata.example.net")
                        ? new InetAddress[] { metadata } : InetAddress.getAllByName(host),
                () -> (SSLSocketFactory) SSLSocketFactory.getDefault());

        for (String url : new String[] { "http://127.0.0.1:9/x", "http://metadata.example.net/latest/meta-data/",
                "http://[::1]/" }) {
            assertThat(checker.check(url).problem()).as(url)
                .startsWith("leads to a private or internal network address");
        }
        assertThat(checker.check("ftp://example.net/file").problem()).isEqualTo("is not an http or https address");
        assertThat(checker.check("http://exa mple.net/").problem()).isEqualTo("is not a valid web address");
    }

}
