package lux.users;

/**
 * A freshly created token: {@code secret} is shown to the admin once and never stored.
 */
public record NewApiToken(ApiTokenView token, String secret) {
}
