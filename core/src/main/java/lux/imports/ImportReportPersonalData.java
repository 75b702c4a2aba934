package lux.imports;

import lux.gdpr.AddressText;
import lux.gdpr.CoreSections;
import lux.gdpr.PersonalDataHolder;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Import reports quote refused rows, which may hold the address in any spelling: the rows
 * are exported, and scrubbed on erasure with the file name and failure text.
 */
@Component
@Order(CoreSections.IMPORT_REPORTS_ORDER)
class ImportReportPersonalData implements PersonalDataHolder {

    private final JdbcTemplate jdbc;

    ImportReportPersonalData(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String name() {
        return CoreSections.IMPORT_REPORTS;
    }

    @Override
    public Object export(String email) {
        AddressText address = AddressText.of(email);
        AddressText.Condition inReport = address.mentionedIn("error_report");
        return jdbc.query(
                "SELECT id, file_name, created_at, error_report FROM contact_import WHERE " + inReport.sql()
                        + " ORDER BY id",
                (rs, n) -> CoreSections.row("importId", rs.getLong(1), "file", rs.getString(2), "at",
                        CoreSections.instant(rs, 3), "rows", rs.getString(4).lines().filter(address::foundIn).toList()),
                inReport.argArray());
    }

    @Override
    public int erase(String email) {
        AddressText address = AddressText.of(email);
        return address.scrubColumn(jdbc, "contact_import", "id", "error_report")
                + address.scrubColumn(jdbc, "contact_import", "id", "file_name")
                + address.scrubColumn(jdbc, "contact_import", "id", "failure");
    }

}
