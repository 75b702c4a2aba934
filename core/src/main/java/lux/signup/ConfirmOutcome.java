package lux.signup;

/**
 * What a confirmation link did; {@code language} is the form's, for the page that
 * answers.
 */
public record ConfirmOutcome(Result result, String language) {
    public enum Result {

        CONFIRMED, EXPIRED, INVALID

    }
}
