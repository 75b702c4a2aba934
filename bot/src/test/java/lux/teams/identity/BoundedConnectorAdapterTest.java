package lux.teams.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.microsoft.bot.connector.ConnectorClient;
import java.util.Properties;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/**
 * Activities naming ever new serviceUrls cannot make the bot keep ever more connector
 * clients.
 */
class BoundedConnectorAdapterTest {

    private static BoundedConnectorAdapter adapter(int max) {
        return new BoundedConnectorAdapter(new com.microsoft.bot.integration.Configuration() {
            @Override
            public String getProperty(String key) {
                return null;
            }

            @Override
            public Properties getProperties() {
                return new Properties();
            }

            @Override
            public String[] getProperties(String key) {
                return null;
            }
        }, max);
    }

    @Test
    void aThousandAttackerServiceUrlsLeaveAtMostTheConfiguredNumberOfClients() {
        BoundedConnectorAdapter adapter = adapter(5);
        for (int i = 0; i < 1000; i++) {
            adapter.getOrCreateConnectorClient("https://attacker-" + i + ".example/", null).join();
        }
        assertThat(adapter.cachedClients()).isEqualTo(5);
    }

    @Test
    void spellingsOfOneServiceShareOneClient() {
        BoundedConnectorAdapter adapter = adapter(5);
        ConnectorClient first = adapter.getOrCreateConnectorClient("https://smba.trafficmanager.net/emea/", null)
            .join();
        for (String same : new String[] { "HTTPS://SMBA.TrafficManager.net/emea",
                "https://smba.trafficmanager.net:443/emea/?x=1", "https://user@smba.trafficmanager.net/emea/#frag",
                " https://smba.trafficmanager.net/emea/ " }) {
            assertThat(adapter.getOrCreateConnectorClient(same, null).join()).as(same).isSameAs(first);
        }
        assertThat(adapter.createdClients()).isEqualTo(1);
        assertThat(first.baseUrl()).isEqualTo("https://smba.trafficmanager.net/emea/");
        // another region is another service
        assertThat(adapter.getOrCreateConnectorClient("https://smba.trafficmanager.net/amer/", null).join())
            .isNotSameAs(first);
    }

    @Test
    void aServiceUrlThatIsNoHttpUrlIsRefusedWithoutAClient() {
        BoundedConnectorAdapter adapter = adapter(5);
        for (String bad : new String[] { "file:///etc/passwd", "javascript:alert(1)", "https:///nohost", "",
                "ht tp://x" }) {
            assertThatThrownBy(() -> adapter.getOrCreateConnectorClient(bad, null).join()).as(bad)
                .isInstanceOf(CompletionException.class)
                .hasMessageContaining("Invalid Service URL");
        }
        assertThat(adapter.createdClients()).isZero();
    }

}
