package lux.contacts;

import lux.gdpr.CoreSections;
import lux.gdpr.PersonalDataHolder;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The tags a contact carries: the links go on erasure, the tags stay for others. */
@Component
@Order(CoreSections.TAGS_ORDER)
class ContactTagPersonalData implements PersonalDataHolder {

    private static final String CONTACT = "(SELECT id FROM contact WHERE email = ?)";

    private final JdbcTemplate jdbc;

    ContactTagPersonalData(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String name() {
        return CoreSections.TAGS;
    }

    @Override
    public Object export(String email) {
        return jdbc.queryForList("SELECT t.name FROM contact_tag ct JOIN tag t ON t.id = ct.tag_id "
                + "WHERE ct.contact_id IN " + CONTACT + " ORDER BY t.name", String.class, email);
    }

    @Override
    public int erase(String email) {
        return jdbc.update("DELETE FROM contact_tag WHERE contact_id IN " + CONTACT, email);
    }

}
