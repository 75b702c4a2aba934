package lux.teams;

import com.microsoft.bot.integration.Configuration;
import java.util.Properties;
import org.springframework.core.env.Environment;

/**
 * Lets the Bot Framework SDK read its settings (MicrosoftAppId...) from Spring's
 * environment.
 */
class SpringBotConfiguration implements Configuration {

    private final Environment environment;

    SpringBotConfiguration(Environment environment) {
        this.environment = environment;
    }

    @Override
    public String getProperty(String key) {
        return environment.getProperty(key);
    }

    @Override
    public Properties getProperties() {
        Properties properties = new Properties();
        for (String key : new String[] { "MicrosoftAppId", "MicrosoftAppPassword", "MicrosoftAppTenantId",
                "MicrosoftAppType", "ChannelService" }) {
            String value = environment.getProperty(key);
            if (value != null) {
                properties.setProperty(key, value);
            }
        }
        return properties;
    }

    @Override
    public String[] getProperties(String key) {
        String value = getProperty(key);
        return value == null ? null : value.split(",");
    }

}
