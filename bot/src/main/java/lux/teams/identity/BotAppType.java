package lux.teams.identity;

import java.util.Arrays;
import java.util.Locale;

/**
 * {@code MicrosoftAppType}, spelled as the Azure Bot resource and the Bot Framework SDKs
 * spell it.
 */
public enum BotAppType {

    MULTI_TENANT("MultiTenant"), SINGLE_TENANT("SingleTenant"), USER_ASSIGNED_MSI("UserAssignedMSI");

    private final String setting;

    BotAppType(String setting) {
        this.setting = setting;
    }

    /**
     * Blank means MultiTenant (the SDKs' default); anything unknown is refused with the
     * accepted names.
     */
    public static BotAppType parse(String value) {
        if (value == null || value.isBlank()) {
            return MULTI_TENANT;
        }
        String wanted = value.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
            .filter(t -> t.setting.toLowerCase(Locale.ROOT).equals(wanted))
            .findFirst()
            .orElseThrow(() -> new IllegalArgumentException("MicrosoftAppType '" + value.strip()
                    + "' is not known: use MultiTenant, SingleTenant or UserAssignedMSI (the Azure Bot's Type of App)"));
    }

    public String setting() {
        return setting;
    }

}
