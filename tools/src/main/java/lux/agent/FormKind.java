package lux.agent;

import java.util.Locale;
import java.util.Optional;

/**
 * The command-mode forms, for what is awkward to type; {@link #id()} is what the card
 * sends back.
 */
public enum FormKind {

    CONTACT, TEMPLATE, CAMPAIGN;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The form a card's submit names; empty for anything else. */
    public static Optional<FormKind> of(String id) {
        for (FormKind kind : values()) {
            if (kind.id().equals(id)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }

}
