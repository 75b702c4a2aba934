package lux.teams;

import com.microsoft.bot.connector.authentication.ChannelValidation;
import com.microsoft.bot.integration.BotFrameworkHttpAdapter;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import lux.shared.OnFirstUseHttpClient;
import lux.shared.web.BodyLimit;
import lux.teams.identity.BotAppType;
import lux.teams.identity.BotIdentity;
import lux.teams.identity.BotIdentityAdapter;
import lux.teams.identity.TokenHttpClient;
import org.springframework.beans.factory.ObjectProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TeamsProperties.class)
class BotConfiguration {

    private static final Logger log = LoggerFactory.getLogger(BotConfiguration.class);

    @Bean
    BotSettings botSettings(Environment env) {
        BotSettings settings = new BotSettings(env.getProperty("MicrosoftAppId", ""),
                env.getProperty("MicrosoftAppPassword", ""), env.getProperty("MicrosoftAppTenantId", ""),
                env.getProperty("MicrosoftAppType", "MultiTenant"));
        if (settings.localMode()) {
            log.warn(
                    """

                            ****************************************************************************************
                             LUX bot runs in LOCAL MODE: no MicrosoftAppId is set, so incoming requests are NOT
                             authenticated and every conversation acts as the first admin. LUX listens on loopback
                             and only answers this machine and loopback serviceUrls (Agents Playground, Emulator). Set MicrosoftAppId,
                             MicrosoftAppPassword and MicrosoftAppTenantId to connect to Microsoft Teams.
                            ****************************************************************************************""");
        }
        else {
            log.info("LUX bot: Teams mode, app id {}", settings.appId());
        }
        return settings;
    }

    /**
     * Local mode listens on loopback and answers /api/messages only from this machine
     * (Teams mode: nothing to do).
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> localModeServer(Environment env,
            TeamsProperties properties, BotSettings settings) {
        return settings.localMode() ? new LocalModeServer(env, properties) : factory -> {
        };
    }

    /**
     * {@code /api/messages} bodies over {@code lux.teams.max-body} get 413 before
     * anything reads them.
     */
    @Bean
    FilterRegistrationBean<BodyLimit> botBodyLimit(TeamsProperties properties) {
        long limit = properties.maxBody().toBytes();
        FilterRegistrationBean<BodyLimit> registration = new FilterRegistrationBean<>(new BodyLimit(limit,
                "The request body is larger than " + limit
                        + " bytes (lux.teams.max-body); a Bot Framework Activity is far smaller.",
                (response, message) -> {
                    response.setContentType("application/json");
                    response.getOutputStream()
                        .write(("{\"error\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8));
                }, request -> false));
        registration.addUrlPatterns("/api/messages", "/api/messages/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /**
     * MicrosoftAppType picks where outbound tokens come from; an unknown type or a
     * missing setting stops the start.
     */
    @Bean
    BotIdentity botIdentity(BotSettings settings, TeamsProperties properties) {
        return new BotIdentity(settings.appId(), settings.appPassword(), settings.tenantId(),
                BotAppType.parse(settings.appType()), properties.loginEndpoint(), properties.certificatePath(),
                properties.certificatePassword(), properties.managedIdentityEndpoint());
    }

    @Bean
    BotFrameworkHttpAdapter botAdapter(Environment env, TeamsProperties properties, BotIdentity identity, Clock clock,
            ObjectProvider<TokenHttpClient> tokenHttp, TeamsSender sender) {
        if (properties.openidMetadataUrl() != null && !properties.openidMetadataUrl().isBlank()) {
            // The SDK keeps this in a static field; only tests and sovereign clouds
            // change it.
            ChannelValidation.setOpenIdMetaDataUrl(properties.openidMetadataUrl());
        }
        // made on the first token request: its TLS context costs a start half a second
        HttpClient http = tokenHttp
            .getIfAvailable(() -> new TokenHttpClient(OnFirstUseHttpClient.connectingWithin(Duration.ofSeconds(10))))
            .client();
        BotFrameworkHttpAdapter adapter = BotIdentityAdapter.create(new SpringBotConfiguration(env), identity, http,
                clock, properties.sendAttempts(), properties.retryBase(), properties.connectorClients());
        adapter.setOnTurnError((turn, error) -> {
            if (ConnectorDeadlinePassed.in(error)) {
                // already logged by TeamsSender; the connector is not answering in time,
                // so nothing more is sent
                return CompletableFuture.completedFuture(null);
            }
            log.error("Bot turn failed in conversation {}",
                    turn.getActivity().getConversation() == null ? "?" : turn.getActivity().getConversation().getId(),
                    error);
            try {
                sender.send(turn, Replies.text("Sorry, something went wrong on my side. Please try again."));
            }
            catch (RuntimeException e) {
                log.warn("Could not tell the user that the turn failed: {}", e.toString());
            }
            return CompletableFuture.completedFuture(null);
        });
        return adapter;
    }

}
