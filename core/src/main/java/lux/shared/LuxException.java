package lux.shared;

/**
 * An error whose message is written for the person who caused it: what went wrong and
 * what to do.
 */
public abstract class LuxException extends RuntimeException {

    protected LuxException(String message) {
        super(message);
    }

    protected LuxException(String message, Throwable cause) {
        super(message, cause);
    }

}
