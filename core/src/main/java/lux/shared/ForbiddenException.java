package lux.shared;

/**
 * The person is known but may not do this (approving their own send, say); the message
 * says who may.
 */
public class ForbiddenException extends LuxException {

    public ForbiddenException(String message) {
        super(message);
    }

}
