package lux.shared;

/** Something with the same natural key (an email address, a name) already exists. */
public class DuplicateException extends LuxException {

    private final String field;

    public DuplicateException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }

}
