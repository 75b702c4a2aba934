package lux.templates;

import java.util.LinkedHashMap;
import java.util.Map;
import lux.contacts.ContactView;

/**
 * The variables a template sees: {@code contact.email}, {@code contact.first_name},
 * {@code contact.last_name}, {@code contact.full_name}, {@code contact.company},
 * {@code contact.attributes.x} and each attribute as {@code contact.x}. Plain maps of
 * strings only: nothing reaches Java objects.
 */
public final class TemplateModel {

    private TemplateModel() {
    }

    public static Map<String, Object> forContact(ContactView contact) {
        Map<String, Object> c = new LinkedHashMap<>();
        Map<String, String> attributes = contact.attributes() == null ? Map.of() : contact.attributes();
        attributes.forEach(c::put);
        c.put("email", contact.email());
        c.put("first_name", nullToEmpty(contact.firstName()));
        c.put("last_name", nullToEmpty(contact.lastName()));
        c.put("full_name", (nullToEmpty(contact.firstName()) + " " + nullToEmpty(contact.lastName())).trim());
        c.put("company", nullToEmpty(contact.company()));
        c.put("attributes", new LinkedHashMap<>(attributes));
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("contact", c);
        return model;
    }

    /**
     * A made-up contact for validating and previewing templates when no real one is
     * chosen.
     */
    public static ContactView sampleContact() {
        return new ContactView(0, "alex.sample@example.com", "Alex", "Sample", "Example Ltd", Map.of(),
                lux.contacts.ContactStatus.ACTIVE, java.util.List.of(), null, null, null, null);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

}
