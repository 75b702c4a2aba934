package lux.teams;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.bot.schema.Activity;
import com.microsoft.bot.schema.Serialization;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What an authenticated activity must also be before the bot sees it: in Teams mode from
 * a served channel ({@code lux.teams.channels}, msteams by default), from the bot's own
 * tenant or an allowed one, and naming a Teams serviceUrl; in local mode naming a
 * loopback serviceUrl. A refused activity gets no reply and nothing of it is stored: a
 * valid token only proves the Bot Framework sent it, not that it came from this
 * organisation's Teams.
 */
@Component
class ActivityGate {

    private static final Logger log = LoggerFactory.getLogger(ActivityGate.class);

    private final BotSettings settings;

    private final ServiceUrlPolicy serviceUrls;

    private final Set<String> channels;

    private final Set<String> tenants;

    private final boolean anyTenant;

    ActivityGate(BotSettings settings, ServiceUrlPolicy serviceUrls, TeamsProperties properties) {
        this.settings = settings;
        this.serviceUrls = serviceUrls;
        this.channels = lower(properties.channels().stream());
        this.anyTenant = properties.allowedTenants().stream().anyMatch(t -> t.strip().equals("*"));
        this.tenants = lower(Stream.concat(Stream.of(settings.tenantId()), properties.allowedTenants().stream()));
        if (!settings.localMode() && tenants.isEmpty() && !anyTenant) {
            log.warn("Teams mode without MicrosoftAppTenantId or lux.teams.allowed-tenants: LUX refuses every activity "
                    + "until one of them names your tenant (or lux.teams.allowed-tenants=* serves any tenant)");
        }
    }

    /**
     * Empty when the activity may reach the bot; else what is wrong, written for the
     * caller.
     */
    Optional<String> refusal(Activity activity) {
        if (!serviceUrls.allowed(activity.getServiceUrl())) {
            return refuse(serviceUrls.refusal(activity.getServiceUrl()), "serviceUrl " + activity.getServiceUrl());
        }
        if (settings.localMode()) {
            return Optional.empty();
        }
        String channel = activity.getChannelId() == null ? ""
                : activity.getChannelId().strip().toLowerCase(Locale.ROOT);
        if (!channels.contains(channel)) {
            return refuse("LUX serves Microsoft Teams only; channel '" + activity.getChannelId()
                    + "' is not enabled (lux.teams.channels).", "channel " + activity.getChannelId());
        }
        String tenant = tenant(activity);
        if (tenant == null) {
            return refuse("The activity names no tenant (channelData.tenant.id); LUX only serves its own organisation.",
                    "no tenant");
        }
        if (!anyTenant && !tenants.contains(tenant)) {
            return refuse("This LUX serves another organisation; tenant " + tenant + " is not allowed.",
                    "tenant " + tenant);
        }
        return Optional.empty();
    }

    /**
     * channelData.tenant.id (Teams always sends it); a different conversation.tenantId
     * beside it makes it null.
     */
    static String tenant(Activity activity) {
        JsonNode data = activity.getChannelData() == null ? null
                : Serialization.objectToTree(activity.getChannelData());
        String fromChannelData = data == null ? null : text(data.path("tenant").path("id"));
        String fromConversation = activity.getConversation() == null ? null
                : blankToNull(activity.getConversation().getTenantId());
        if (fromChannelData == null
                || fromConversation != null && !fromConversation.equalsIgnoreCase(fromChannelData)) {
            return null;
        }
        return fromChannelData.toLowerCase(Locale.ROOT);
    }

    private static Optional<String> refuse(String message, String what) {
        log.warn("Refused an activity: {}", what.length() > 200 ? what.substring(0, 200) : what);
        return Optional.of(message);
    }

    private static String text(JsonNode node) {
        return node.isTextual() ? blankToNull(node.asText()) : null;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static Set<String> lower(Stream<String> values) {
        return values.filter(v -> v != null && !v.isBlank() && !v.strip().equals("*"))
            .map(v -> v.strip().toLowerCase(Locale.ROOT))
            .collect(Collectors.toUnmodifiableSet());
    }

}
