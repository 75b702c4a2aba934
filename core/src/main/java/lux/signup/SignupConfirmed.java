package lux.signup;

/**
 * A sign-up was confirmed and made contact {@code contactId}; published in that
 * transaction.
 */
public record SignupConfirmed(long contactId, long formId) {
}
