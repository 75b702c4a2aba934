package lux.contacts;

import java.util.List;

/**
 * How many contacts a filter matches, with a few addresses to show before anything is
 * changed.
 */
public record BulkPreview(ContactFilter filter, long count, List<String> sample) {
}
