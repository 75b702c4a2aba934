package lux.teams;

/**
 * The bot's Microsoft identity ({@code MicrosoftAppId}, {@code MicrosoftAppPassword},
 * {@code MicrosoftAppTenantId}, {@code MicrosoftAppType}). No app id = local mode for the
 * Agents Playground and the Emulator.
 */
record BotSettings(String appId, String appPassword, String tenantId, String appType) {
    boolean localMode() {
        return appId == null || appId.isBlank();
    }

    @Override
    public String toString() {
        return "BotSettings[appId=" + appId + ", tenantId=" + tenantId + ", appType=" + appType + ", password="
                + (appPassword == null || appPassword.isBlank() ? "unset" : "set") + "]";
    }
}
