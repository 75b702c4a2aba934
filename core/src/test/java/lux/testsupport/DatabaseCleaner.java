package lux.testsupport;

import org.springframework.jdbc.core.JdbcTemplate;

/** Empties LUX's tables between tests that commit (services run their own transactions). */
public final class DatabaseCleaner {
    private static final String[] TABLES = {
        "signup_attempt", "pending_signup", "signup_form", "consent_event_ip", "consent_event", "consent_text",
        "teams_welcome", "teams_upload", "teams_progress_card", "teams_conversation", "ai_usage", "agent_confirmation", "chat_memory",
        "teams_link_code", "login_failure", "mailbox_hour", "mailbox_slot", "mailbox_limit", "tracking_rollup", "outbox_message", "tracking_event",
        "campaign_link", "campaign_recipient",
        "campaign", "email_template", "contact_import",
        "contact_tag", "tag", "contact", "suppression", "audit_entry", "api_token", "app_user"
    };

    private DatabaseCleaner() {
    }

    public static void clean(JdbcTemplate jdbc) {
        for (String table : TABLES) {
            jdbc.update("DELETE FROM " + table);
        }
    }
}
