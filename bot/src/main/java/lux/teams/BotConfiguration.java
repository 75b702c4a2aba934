package lux.teams;

import com.microsoft.bot.connector.authentication.ChannelValidation;
import com.microsoft.bot.integration.BotFrameworkHttpAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TeamsProperties.class)
class BotConfiguration {
    private static final Logger log = LoggerFactory.getLogger(BotConfiguration.class);

    @Bean
    BotSettings botSettings(Environment env) {
        BotSettings settings = new BotSettings(env.getProperty("MicrosoftAppId", ""), env.getProperty("MicrosoftAppPassword", ""),
                env.getProperty("MicrosoftAppTenantId", ""), env.getProperty("MicrosoftAppType", "MultiTenant"));
        if (settings.localMode()) {
            log.warn("""

                    ****************************************************************************************
                     LUX bot runs in LOCAL MODE: no MicrosoftAppId is set, so incoming requests are NOT
                     authenticated and every conversation acts as the first admin. LUX only answers
                     loopback serviceUrls (Agents Playground, Bot Framework Emulator). Set MicrosoftAppId,
                     MicrosoftAppPassword and MicrosoftAppTenantId to connect to Microsoft Teams.
                    ****************************************************************************************""");
        } else {
            log.info("LUX bot: Teams mode, app id {}", settings.appId());
        }
        return settings;
    }

    @Bean
    BotFrameworkHttpAdapter botAdapter(Environment env, TeamsProperties properties, BotSettings settings) {
        if (properties.openidMetadataUrl() != null && !properties.openidMetadataUrl().isBlank()) {
            // The SDK keeps this in a static field; only tests and sovereign clouds change it.
            ChannelValidation.setOpenIdMetaDataUrl(properties.openidMetadataUrl());
        }
        BotFrameworkHttpAdapter adapter = new BoundedConnectorAdapter(new SpringBotConfiguration(env), properties.connectorClients());
        adapter.setOnTurnError((turn, error) -> {
            log.error("Bot turn failed in conversation {}", turn.getActivity().getConversation() == null ? "?"
                    : turn.getActivity().getConversation().getId(), error);
            return turn.sendActivity("Sorry, something went wrong on my side. Please try again.").thenApply(r -> null);
        });
        return adapter;
    }
}
