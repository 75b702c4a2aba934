package lux.contacts;

import java.util.List;
import java.util.Set;

/**
 * What adding contacts by address did: new contacts, known ones (given the tags), and
 * addresses refused with why.
 */
public record AddedContacts(List<String> created, List<String> alreadyKnown, List<String> refused, Set<String> tags) {
    public AddedContacts {
        created = List.copyOf(created);
        alreadyKnown = List.copyOf(alreadyKnown);
        refused = List.copyOf(refused);
        tags = java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(tags)); // in
                                                                                           // the
                                                                                           // order
                                                                                           // given
    }
}
