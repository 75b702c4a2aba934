package lux.preferences;

/**
 * What an admin sets for one topic: which tag, and the label and description readers see.
 */
public record TopicDefinition(String tag, String label, String description) {
}
