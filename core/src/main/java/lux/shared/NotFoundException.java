package lux.shared;

public class NotFoundException extends LuxException {

    public NotFoundException(String what, Object id) {
        super(what + " " + id + " does not exist.");
    }

}
