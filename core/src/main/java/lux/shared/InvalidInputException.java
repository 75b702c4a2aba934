package lux.shared;

/** Input that cannot be accepted; {@code field} names what to fix. */
public class InvalidInputException extends LuxException {

    private final String field;

    public InvalidInputException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }

}
