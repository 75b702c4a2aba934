package lux.teams;

import java.net.URI;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Which Bot Connector addresses LUX may store and call. The {@code serviceUrl} arrives in
 * the request body; a token's {@code serviceurl} claim binds it in Teams mode, but only
 * to what the channel said, so LUX also keeps to Teams' own hosts
 * ({@code lux.teams.service-url-hosts}, https only; http only for a listed loopback
 * address). Local mode only talks to this machine.
 */
@Component
class ServiceUrlPolicy {

    private final BotSettings settings;

    private final Set<String> hosts;

    ServiceUrlPolicy(BotSettings settings, TeamsProperties properties) {
        this.settings = settings;
        this.hosts = properties.serviceUrlHosts()
            .stream()
            .map(h -> h.strip().toLowerCase(Locale.ROOT))
            .filter(h -> !h.isEmpty())
            .collect(Collectors.toUnmodifiableSet());
    }

    boolean allowed(String serviceUrl) {
        if (settings.localMode()) {
            return Loopback.isLoopbackUrl(serviceUrl);
        }
        if (serviceUrl == null || serviceUrl.isBlank()) {
            return false;
        }
        try {
            URI uri = URI.create(serviceUrl.strip());
            if (uri.getHost() == null || uri.getRawUserInfo() != null
                    || !hosts.contains(uri.getHost().toLowerCase(Locale.ROOT))) {
                return false;
            }
            // plain http only for a loopback address the operator listed himself (a
            // connector double on this machine)
            return "https".equalsIgnoreCase(uri.getScheme())
                    || "http".equalsIgnoreCase(uri.getScheme()) && Loopback.isLoopbackUrl(serviceUrl);
        }
        catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Why a serviceUrl is refused, for the 403 body and the log. */
    String refusal(String serviceUrl) {
        return settings.localMode()
                ? "LUX runs in local mode (no MicrosoftAppId) and only answers loopback serviceUrls."
                : "The activity's serviceUrl is not a Microsoft Teams address LUX talks to (https on one of "
                        + String.join(", ", hosts.stream().sorted().toList()) + "; see lux.teams.service-url-hosts).";
    }

}
