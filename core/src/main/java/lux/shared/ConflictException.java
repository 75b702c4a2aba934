package lux.shared;

/**
 * The request is valid but the current state forbids it (a template still used by a
 * campaign, say).
 */
public class ConflictException extends LuxException {

    public ConflictException(String message) {
        super(message);
    }

}
