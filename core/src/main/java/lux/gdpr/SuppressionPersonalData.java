package lux.gdpr;

import lux.shared.EmailAddress;
import lux.suppression.SuppressionService;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Suppression entries for the address, its domain or its hash. Erasure drops the plain
 * address entry; {@link GdprService} then suppresses the hash for good. Here rather than
 * in suppression, which GDPR uses.
 */
@Component
@Order(CoreSections.SUPPRESSION_ORDER)
class SuppressionPersonalData implements PersonalDataHolder {

    private final JdbcTemplate jdbc;

    private final SuppressionService suppressions;

    SuppressionPersonalData(JdbcTemplate jdbc, SuppressionService suppressions) {
        this.jdbc = jdbc;
        this.suppressions = suppressions;
    }

    @Override
    public String name() {
        return CoreSections.SUPPRESSION;
    }

    @Override
    public Object export(String email) {
        return jdbc.query(
                "SELECT kind, reason, created_at FROM suppression WHERE (kind = 'ADDRESS' AND entry = ?) "
                        + "OR (kind = 'DOMAIN' AND entry = ?) OR (kind = 'ADDRESS_HASH' AND entry = ?) ORDER BY id",
                (rs, n) -> CoreSections.row("kind", rs.getString(1), "reason", rs.getString(2), "since",
                        CoreSections.instant(rs, 3)),
                email, EmailAddress.domainOf(email), SuppressionService.hash(email));
    }

    @Override
    public int erase(String email) {
        return suppressions.forgetAddress(email);
    }

}
