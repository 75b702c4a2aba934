package lux.contacts;

import java.util.List;

/**
 * Contacts chosen by another feature (a saved segment) for a bulk change: a condition on
 * {@code contact c} of fixed SQL text written by a core service, every value bound in
 * {@code args}, and the choice in words for the audit log and cards. Never built from
 * what a person or model typed.
 */
public record ContactSelection(String description, String where, List<Object> args) {
    public ContactSelection {
        args = List.copyOf(args);
    }
}
