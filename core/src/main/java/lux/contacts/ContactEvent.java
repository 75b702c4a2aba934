package lux.contacts;

import java.util.List;
import java.util.Set;

/**
 * Published inside the transaction that changed contacts, so listeners (journeys) act on
 * the same commit.
 */
public sealed interface ContactEvent permits ContactEvent.Created, ContactEvent.Tagged {

    /** A contact was created with these tags. */
    record Created(long contactId, Set<String> tags) implements ContactEvent {
        public Created {
            tags = Set.copyOf(tags);
        }
    }

    /**
     * Tags were added to contacts: these ids, or (null) contacts chosen by a filter, too
     * many to list.
     */
    record Tagged(List<Long> contactIds, Set<String> tags) implements ContactEvent {
        public Tagged {
            contactIds = contactIds == null ? null : List.copyOf(contactIds);
            tags = Set.copyOf(tags);
        }
    }

}
