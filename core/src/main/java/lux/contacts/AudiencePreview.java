package lux.contacts;

import java.util.List;

/** How many contacts a filter reaches, with a few of them to show. */
public record AudiencePreview(AudienceFilter filter, long count, List<ContactView> sample) {
}
