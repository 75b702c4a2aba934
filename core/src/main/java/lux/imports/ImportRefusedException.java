package lux.imports;

import lux.shared.LuxException;

/**
 * The whole file cannot be imported (not a CSV, no email column...); the message tells
 * the person what to fix.
 */
public class ImportRefusedException extends LuxException {

    public ImportRefusedException(String message) {
        super(message);
    }

}
