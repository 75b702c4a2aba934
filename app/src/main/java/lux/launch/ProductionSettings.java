package lux.launch;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.core.env.PropertyResolver;

/**
 * What production needs that development does without: the Azure Bot identity,
 * PostgreSQL, an https public URL for tracking links, a tracking signing key and a real
 * mail transport. Problems name the setting and say what to do; they never repeat a
 * secret's value.
 */
public final class ProductionSettings {

    static final int MIN_SIGNING_KEY_LENGTH = 32;

    private static final Pattern GUID = Pattern.compile("^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$");

    private ProductionSettings() {
    }

    /** Every unmet requirement, in a fixed order; empty when production may start. */
    public static List<String> problems(PropertyResolver settings) {
        List<String> problems = new ArrayList<>();
        String appId = read(settings, "MicrosoftAppId", problems);
        if (appId.isBlank()) {
            problems.add(
                    "MicrosoftAppId is not set: give the Azure Bot's Microsoft App ID (a GUID, from the bot's Configuration page)");
        }
        else if (!GUID.matcher(appId).matches()) {
            problems
                .add("MicrosoftAppId is not a GUID: copy the Microsoft App ID from the Azure Bot's Configuration page");
        }
        // A managed identity has no secret, and a certificate replaces it
        // (lux.teams.identity checks the rest at start).
        boolean managedIdentity = read(settings, "MicrosoftAppType", problems).equalsIgnoreCase("UserAssignedMSI");
        boolean certificate = !read(settings, "lux.teams.certificate-path", problems).isBlank();
        if (read(settings, "MicrosoftAppPassword", problems).isBlank() && !managedIdentity && !certificate) {
            problems.add("MicrosoftAppPassword is not set: give a client secret of the bot's Entra app registration "
                    + "(or lux.teams.certificate-path, or MicrosoftAppType=UserAssignedMSI)");
        }
        String datasource = read(settings, "spring.datasource.url", problems);
        if (!datasource.startsWith("jdbc:postgresql:")) {
            problems.add("spring.datasource.url (SPRING_DATASOURCE_URL) " + describeJdbc(datasource)
                    + ": production needs PostgreSQL, e.g. jdbc:postgresql://db.internal:5432/lux");
        }
        String publicBaseUrl = read(settings, "lux.public-base-url", problems);
        if (!isHttpsUrl(publicBaseUrl)) {
            problems.add("lux.public-base-url (LUX_PUBLIC_BASE_URL) " + describeUrl(publicBaseUrl)
                    + ": tracking and unsubscribe links need the https address recipients reach LUX at, e.g. https://lux.example.com");
        }
        String signingKey = read(settings, "lux.tracking.signing-key", problems);
        if (signingKey.isBlank()) {
            problems.add("lux.tracking.signing-key (LUX_TRACKING_SIGNING_KEY) is not set: give at least "
                    + MIN_SIGNING_KEY_LENGTH + " random characters, e.g. from `openssl rand -base64 48`");
        }
        else if (signingKey.length() < MIN_SIGNING_KEY_LENGTH) {
            problems.add("lux.tracking.signing-key (LUX_TRACKING_SIGNING_KEY) is too short: give at least "
                    + MIN_SIGNING_KEY_LENGTH + " random characters, e.g. from `openssl rand -base64 48`");
        }
        String transport = read(settings, "lux.mail.transport", problems);
        if (!transport.equals("graph") && !transport.equals("smtp")) {
            problems.add("lux.mail.transport (LUX_MAIL_TRANSPORT) is "
                    + (transport.isBlank() ? "not set (outbox)" : "'" + transport + "'")
                    + ": the outbox keeps mail inside LUX; set graph (Microsoft Graph sendMail) or smtp");
        }
        return problems;
    }

    /**
     * A value, or blank; a placeholder that cannot be resolved is a problem of its own,
     * reported without the value.
     */
    private static String read(PropertyResolver settings, String name, List<String> problems) {
        try {
            String value = settings.getProperty(name);
            return value == null ? "" : value.trim();
        }
        catch (IllegalArgumentException unresolvable) {
            problems.add(name + " refers to a ${placeholder} that is not defined");
            return "";
        }
    }

    private static boolean isHttpsUrl(String value) {
        try {
            URI uri = new URI(value);
            return "https".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null;
        }
        catch (java.net.URISyntaxException invalid) {
            return false;
        }
    }

    /** Only the driver part: a JDBC URL can carry a password. */
    private static String describeJdbc(String url) {
        if (url.isBlank()) {
            return "is not set";
        }
        String[] parts = url.split(":", 3);
        return parts.length >= 2 && parts[0].equals("jdbc") ? "is a " + parts[0] + ":" + parts[1] + " URL"
                : "is not a JDBC URL";
    }

    /**
     * Scheme and host only: never echo user info or a query from the configured value.
     */
    private static String describeUrl(String url) {
        if (url.isBlank()) {
            return "is not set";
        }
        try {
            URI uri = new URI(url);
            if (uri.getScheme() != null && uri.getHost() != null) {
                return "is " + uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
            }
        }
        catch (java.net.URISyntaxException invalid) {
            // described below
        }
        return "is not an absolute https URL";
    }

}
