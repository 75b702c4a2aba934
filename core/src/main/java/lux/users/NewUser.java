package lux.users;

/**
 * What an admin gives to create a user; {@code passwordHash} is already hashed by the
 * caller (console security).
 */
public record NewUser(String email, String displayName, String passwordHash, Role role) {
}
