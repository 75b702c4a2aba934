package lux.imports;

import java.util.Map;

/**
 * One valid data row: normalised email, trimmed fields (null when empty) and attributes.
 */
record ContactRow(long line, String email, String firstName, String lastName, String company,
        Map<String, String> attributes) {
}
