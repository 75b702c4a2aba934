package lux.users;

/**
 * What a presented API token is worth on this request: accepted with the role it acts as,
 * or refused and why.
 */
public sealed interface ApiTokenCheck {

    /**
     * The token acts as its owner {@code userId}, with the owner's role now; actions are
     * recorded against the owner.
     */
    record Accepted(ApiTokenView token, long userId, Role role) implements ApiTokenCheck {
    }

    record Refused(String reason) implements ApiTokenCheck {
    }

}
