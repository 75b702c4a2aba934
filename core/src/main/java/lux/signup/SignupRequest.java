package lux.signup;

/**
 * One sign-up as it arrived at {@code POST /s/{id}}.
 *
 * @param honeypot the hidden field people never see and bots fill in
 * @param stamp the signed time the form was shown (min fill time)
 * @param ip the visitor's address as the server saw it
 */
public record SignupRequest(long formId, String email, String firstName, String lastName, String honeypot, String stamp,
        String ip) {
}
