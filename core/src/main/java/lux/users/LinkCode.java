package lux.users;

import java.time.Instant;

/**
 * A one-time code the console shows; the user sends it to the bot to link their Teams
 * identity.
 */
public record LinkCode(String code, long userId, Instant expiresAt) {
}
