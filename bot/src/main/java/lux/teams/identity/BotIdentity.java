package lux.teams.identity;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything that decides how the bot proves who it is to the Bot Connector.
 *
 * @param appId {@code MicrosoftAppId}; for UserAssignedMSI the managed identity's client
 * id
 * @param appPassword {@code MicrosoftAppPassword}, the client secret (MultiTenant,
 * SingleTenant)
 * @param tenantId {@code MicrosoftAppTenantId}
 * @param type {@code MicrosoftAppType}
 * @param loginEndpoint {@code lux.teams.login-endpoint}: the Entra ID host tokens are
 * asked from
 * @param certificatePath {@code lux.teams.certificate-path}: PKCS#12 or PEM instead of
 * the secret
 * @param certificatePassword {@code lux.teams.certificate-password}: the PKCS#12 password
 * @param managedIdentityEndpoint {@code lux.teams.managed-identity-endpoint}: an
 * IMDS-style endpoint; blank = what Azure announces in the environment (MSAL4J:
 * IDENTITY_ENDPOINT, IMDS...)
 */
public record BotIdentity(String appId, String appPassword, String tenantId, BotAppType type, URI loginEndpoint,
        String certificatePath, String certificatePassword, String managedIdentityEndpoint) {

    /** The Bot Connector's scope (token audience) for replies and proactive messages. */
    public static final String BOT_FRAMEWORK_SCOPE = "https://api.botframework.com/.default";

    /** The tenant that issues MultiTenant bots' tokens. */
    static final String BOT_FRAMEWORK_TENANT = "botframework.com";

    public boolean localMode() {
        return blank(appId);
    }

    boolean hasCertificate() {
        return !blank(certificatePath);
    }

    /**
     * The token authority for the confidential-client types:
     * {@code {login-endpoint}/{tenant}}.
     */
    String authority() {
        String tenant = type == BotAppType.SINGLE_TENANT ? tenantId.strip() : BOT_FRAMEWORK_TENANT;
        return loginEndpoint.toString().replaceAll("/+$", "") + "/" + tenant;
    }

    /**
     * What is missing or wrong for this type, written for the operator; empty when the
     * bot can get tokens.
     */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (localMode()) {
            return problems;
        }
        if (loginEndpoint == null || !"https".equalsIgnoreCase(loginEndpoint.getScheme())
                || loginEndpoint.getHost() == null) {
            problems.add("lux.teams.login-endpoint must be an https URL such as https://login.microsoftonline.com");
        }
        switch (type) {
            case SINGLE_TENANT -> {
                if (blank(tenantId)) {
                    problems.add(
                            "MicrosoftAppType is SingleTenant but MicrosoftAppTenantId is not set: copy the App Tenant ID "
                                    + "from the Azure Bot's Configuration page");
                }
                if (blank(appPassword) && !hasCertificate()) {
                    problems
                        .add("MicrosoftAppType is SingleTenant but neither MicrosoftAppPassword (a client secret) nor "
                                + "lux.teams.certificate-path (a certificate of the bot's app registration) is set");
                }
            }
            case MULTI_TENANT -> {
                if (blank(appPassword) && !hasCertificate()) {
                    problems.add(
                            "MicrosoftAppType is MultiTenant but MicrosoftAppPassword is not set: give a client secret "
                                    + "of the bot's app registration (or lux.teams.certificate-path)");
                }
            }
            case USER_ASSIGNED_MSI -> {
                if (!blank(appPassword) || hasCertificate()) {
                    problems
                        .add("MicrosoftAppType is UserAssignedMSI, which uses no secret: remove MicrosoftAppPassword and "
                                + "lux.teams.certificate-path (MicrosoftAppId is the managed identity's client id)");
                }
            }
        }
        return problems;
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    @Override
    public String toString() {
        return "BotIdentity[appId=" + appId + ", tenantId=" + tenantId + ", type=" + type.setting() + ", loginEndpoint="
                + loginEndpoint + ", password=" + (blank(appPassword) ? "unset" : "set") + ", certificate="
                + (hasCertificate() ? certificatePath : "unset") + ", managedIdentityEndpoint="
                + (blank(managedIdentityEndpoint) ? "from the environment" : managedIdentityEndpoint) + "]";
    }
}
