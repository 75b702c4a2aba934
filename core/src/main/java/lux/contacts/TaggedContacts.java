package lux.contacts;

import java.util.List;
import java.util.Set;

/**
 * What tagging contacts by address did: how many contacts, how many new tag links, and
 * addresses that are no contact.
 */
public record TaggedContacts(int contacts, Set<String> tags, int newLinks, List<String> unknown) {
    public TaggedContacts {
        tags = java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(tags)); // in
                                                                                           // the
                                                                                           // order
                                                                                           // given
        unknown = List.copyOf(unknown);
    }
}
