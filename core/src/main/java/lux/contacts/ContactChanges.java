package lux.contacts;

import java.util.Map;

/**
 * Fields to change on a contact; null leaves a field as it is. Attributes given are
 * merged; a null value removes one.
 */
public record ContactChanges(String firstName, String lastName, String company, Map<String, String> attributes) {
}
