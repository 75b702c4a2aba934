package lux.preferences;

/** A tag an admin has made public as a topic readers may switch on and off. */
public record Topic(long tagId, String tag, String label, String description) {
}
