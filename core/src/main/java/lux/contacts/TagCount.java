package lux.contacts;

/** A tag and how many contacts carry it. */
public record TagCount(String name, long contacts) {
}
