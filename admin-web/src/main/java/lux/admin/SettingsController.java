package lux.admin;

import java.util.ArrayList;
import java.util.List;
import lux.config.CoreProperties;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * What LUX is configured with: transport, AI, Teams bot, database. Secrets show only
 * whether they are set.
 */
@Controller
class SettingsController {

    private final Environment environment;

    private final CoreProperties core;

    SettingsController(Environment environment, CoreProperties core) {
        this.environment = environment;
        this.core = core;
    }

    @GetMapping("/admin/settings")
    String settings(Model model) {
        List<Setting> settings = new ArrayList<>();
        settings.add(new Setting("Mail", "Transport", "lux.mail.transport", core.mail().transport()));
        settings.add(new Setting("Mail", "Default sender", "lux.mail.default-sender", core.mail().defaultSender()));
        settings.add(new Setting("Campaigns", "Send approval by a second person", "lux.campaigns.approval.required",
                core.campaigns().approval().required() ? "required" : "off"));
        settings.add(new Setting("Campaigns", "Who may approve", "lux.campaigns.approval.approvers",
                core.campaigns().approval().approvers() == lux.config.CoreProperties.Approvers.ADMINS ? "admins"
                        : "any other user"));
        settings.add(new Setting("Mail", "Public base URL (tracking links)", "lux.public-base-url",
                core.publicBaseUrl().toString()));
        settings.add(plain("Microsoft Graph", "Tenant", "lux.graph.tenant-id"));
        settings.add(plain("Microsoft Graph", "Client id", "lux.graph.client-id"));
        settings.add(secret("Microsoft Graph", "Client secret", "lux.graph.client-secret"));
        settings.add(plain("Microsoft Graph", "Sender mailbox", "lux.graph.sender"));
        settings.add(new Setting("Microsoft Graph", "Send format (mime carries List-Unsubscribe)",
                "lux.graph.send-format", environment.getProperty("lux.graph.send-format", "mime")));
        settings.add(plain("SMTP", "Host", "spring.mail.host"));
        settings.add(secret("SMTP", "Password", "spring.mail.password"));
        settings.add(plain("AI", "Provider", "lux.ai.provider"));
        settings.add(plain("AI", "Model", "lux.ai.model"));
        settings.add(plain("AI", "Base URL", "lux.ai.base-url"));
        settings.add(secret("AI", "API key", "lux.ai.api-key", "OPENAI_API_KEY"));
        settings.add(plain("Teams bot", "App id (empty: local mode)", "MicrosoftAppId"));
        settings.add(secret("Teams bot", "App password", "MicrosoftAppPassword"));
        settings.add(plain("Teams bot", "Tenant", "MicrosoftAppTenantId"));
        settings.add(new Setting("Database", "URL", "spring.datasource.url",
                withoutPassword(environment.getProperty("spring.datasource.url"))));
        settings.add(secret("Database", "Password", "spring.datasource.password"));
        model.addAttribute("settings", settings);
        model.addAttribute("aiConfigured", isSet("lux.ai.api-key") || isSet("OPENAI_API_KEY"));
        model.addAttribute("transport", core.mail().transport());
        return "admin/settings";
    }

    private Setting plain(String group, String label, String key) {
        return new Setting(group, label, key, environment.getProperty(key));
    }

    private Setting secret(String group, String label, String... keys) {
        boolean set = false;
        for (String key : keys) {
            set |= isSet(key);
        }
        return new Setting(group, label, String.join(" / ", keys), set ? "set (hidden)" : null);
    }

    private boolean isSet(String key) {
        String value = environment.getProperty(key);
        return value != null && !value.isBlank();
    }

    /** JDBC URLs may carry a password parameter; never show it. */
    static String withoutPassword(String url) {
        return url == null ? null : url.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }

    record Setting(String group, String label, String key, String value) {
    }

}
