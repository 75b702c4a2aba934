package lux.gdpr;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Core's own personal data, by section of the export, with the erasure order of their
 * holders ({@code @Order}): what is found through the contact goes before the contact,
 * free text after it, the consent ledger's proof last. The erasure result reports the
 * first of them by field.
 */
public final class CoreSections {

    public static final String OUTBOX = "outboxMessages";

    public static final String TRACKING_EVENTS = "trackingEvents";

    public static final String CAMPAIGNS_RECEIVED = "campaignsReceived";

    public static final String TAGS = "tags";

    public static final String CONTACT = "contact";

    public static final String AUDIT = "auditEntries";

    public static final String IMPORT_REPORTS = "importReports";

    public static final String SUPPRESSION = "suppression";

    public static final String CONSENT = "consentLedger";

    /** Erasure order: outbox first (it is found through the recipients). */
    public static final int OUTBOX_ORDER = 100;

    public static final int TRACKING_EVENTS_ORDER = 200;

    public static final int CAMPAIGNS_RECEIVED_ORDER = 300;

    public static final int TAGS_ORDER = 400;

    public static final int CONTACT_ORDER = 500;

    public static final int AUDIT_ORDER = 600;

    public static final int IMPORT_REPORTS_ORDER = 700;

    /** After every other holder (theirs run unordered, at the lowest precedence). */
    public static final int SUPPRESSION_ORDER = Integer.MAX_VALUE;

    public static final int CONSENT_ORDER = Integer.MAX_VALUE;

    private CoreSections() {
    }

    /** One exported record: keys and values in turn. */
    public static Map<String, Object> row(Object... keyValues) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            row.put((String) keyValues[i], keyValues[i + 1]);
        }
        return row;
    }

    /** A timestamp column as an ISO instant (null stays null). */
    public static String instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime at = rs.getObject(column, OffsetDateTime.class);
        return at == null ? null : at.toInstant().toString();
    }

}
