package lux.consent;

import java.util.Objects;

/**
 * A consent event to append.
 *
 * @param email the normalised address (only its SHA-256 is stored)
 * @param contactId the contact, when there is one yet
 * @param channel where it happened: form, import, console, api, teams, unsubscribe link,
 * system
 * @param source what it happened through (form name, import file), or null
 * @param text the exact consent text shown, or null when none was shown
 * @param ip the visitor's IP address, when there is one
 * @param actor who acted: the person (marketer or admin) or "visitor"
 */
public record NewConsentEvent(String email, Long contactId, ConsentKind kind, String channel, String source,
        String text, String ip, String actor) {
    public NewConsentEvent {
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(actor, "actor");
    }
}
