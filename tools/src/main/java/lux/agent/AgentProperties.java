package lux.agent;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The agent's settings under {@code lux.ai}. Without an api key (and provider openai or
 * azure) LUX runs in command mode. Azure OpenAI and Ollama are reached through their
 * OpenAI-compatible endpoints.
 *
 * @param provider openai (default), azure (base-url
 * {@code https://RESOURCE.openai.azure.com/openai/v1}, key sent as {@code api-key}) or
 * ollama (base-url default {@code http://localhost:11434/v1}, no key)
 * @param apiKey the key ({@code OPENAI_API_KEY}); never logged
 * @param baseUrl the OpenAI-compatible endpoint; blank = the provider's default
 * @param model model or deployment name
 * @param timeout one model call
 * @param turnDeadline everything the model does for one message (all its calls and
 * retries); past it LUX stops waiting and says so, so a slow model never holds a Teams
 * turn open
 * @param maxRetries retries with backoff on 429/5xx/timeouts
 * @param memoryMessages messages kept per conversation (the window)
 * @param confirmationTtl how long a Confirm button works (its estimated finish comes from
 * the mailbox limits, {@code lux.delivery.limits.*}, like every other estimate)
 */
@Validated
@ConfigurationProperties("lux.ai")
public record AgentProperties(
        @NotNull @DefaultValue("openai") @Pattern(regexp = "openai|azure|ollama",
                message = "must be openai, azure or ollama") String provider,
        String apiKey, String baseUrl, @NotNull @DefaultValue("gpt-4o") String model,
        @NotNull @DefaultValue("60s") Duration timeout, @NotNull @DefaultValue("3m") Duration turnDeadline,
        @Min(0) @Max(10) @DefaultValue("2") int maxRetries, @Min(4) @Max(200) @DefaultValue("30") int memoryMessages,
        @NotNull @DefaultValue("30m") Duration confirmationTtl) {

    /** True when a model is configured; otherwise LUX answers in command mode. */
    public boolean modelEnabled() {
        return "ollama".equals(provider) || (apiKey != null && !apiKey.isBlank());
    }

    public String effectiveBaseUrl() {
        if (baseUrl != null && !baseUrl.isBlank()) {
            return baseUrl;
        }
        return switch (provider) {
            case "ollama" -> "http://localhost:11434/v1";
            case "azure" -> throw new IllegalStateException("lux.ai.base-url is required for Azure OpenAI: "
                    + "https://YOUR-RESOURCE.openai.azure.com/openai/v1");
            default -> "https://api.openai.com/v1";
        };
    }

    @Override
    public String toString() {
        return "AgentProperties[provider=" + provider + ", model=" + model + ", baseUrl=" + baseUrl + ", apiKey="
                + (apiKey == null || apiKey.isBlank() ? "unset" : "set") + "]";
    }
}
