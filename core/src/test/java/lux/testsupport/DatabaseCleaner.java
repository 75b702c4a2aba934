package lux.testsupport;

import java.util.HashSet;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Empties LUX's tables between tests that commit (services run their own transactions).
 * Tables of modules that are not on the test's class path (the bot's, the console's: each
 * module brings its own migrations) are not there.
 */
public final class DatabaseCleaner {

    private static final String[] TABLES = { "journey_step_run", "journey_claim", "journey_due", "journey_enrolment",
            "journey_step", "journey", "inbound_message", "mailbox_cursor", "teams_chart", "teams_import_card",
            "signup_attempt", "pending_signup", "signup_form", "consent_event_ip", "consent_event", "consent_text",
            "teams_welcome", "teams_upload", "teams_ab_test_card", "teams_progress_card", "teams_conversation",
            "ai_usage", "agent_confirmation", "chat_memory", "teams_link_code", "login_failure", "mailbox_hour",
            "mailbox_slot", "mailbox_limit", "tracking_rollup", "outbox_message", "tracking_event", "campaign_link",
            "ab_test_variant", "ab_test", "campaign_recipient", "campaign", "segment", "email_template",
            "contact_import", "contact_topic_opt_out", "topic", "contact_tag", "tag", "contact", "suppression",
            "audit_entry", "api_token", "app_user" };

    private DatabaseCleaner() {
    }

    public static void clean(JdbcTemplate jdbc) {
        Set<String> present = new HashSet<>(jdbc.queryForList(
                "SELECT LOWER(table_name) FROM information_schema.tables " + "WHERE table_schema = CURRENT_SCHEMA",
                String.class));
        for (String table : TABLES) {
            if (present.contains(table)) {
                jdbc.update("DELETE FROM " + table);
            }
        }
    }

}
