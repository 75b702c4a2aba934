package lux.agent.tools;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lux.agent.AgentOutput;
import lux.contacts.ContactChanges;
import lux.contacts.ContactService;
import lux.contacts.ContactStatus;
import lux.contacts.ContactView;
import lux.contacts.ContactsByEmail;
import lux.contacts.TaggedContacts;
import lux.shared.InvalidInputException;
import lux.stats.ContactEngagement;
import lux.stats.StatsService;

/**
 * One contact looked up or changed by its address: show (with engagement), update, untag,
 * unsubscribe.
 */
public class ContactEditTools {

    private final ContactService contacts;

    private final ContactsByEmail byEmail;

    private final StatsService stats;

    private final ContactDeletions deletions;

    private final ToolSession session;

    ContactEditTools(ContactService contacts, ContactsByEmail byEmail, StatsService stats, ContactDeletions deletions,
            ToolSession session) {
        this.deletions = deletions;
        this.contacts = contacts;
        this.byEmail = byEmail;
        this.stats = stats;
        this.session = session;
    }

    /**
     * The short contact card for command mode's {@code contact show}; the model has
     * ContactTools.showContact (with the timeline).
     */
    public ToolResult showContact(@P("the contact's email address") String email) {
        return ToolResults.attempt(session, "showContact", () -> shown(byEmail.require(email)));
    }

    @Tool("""
            Changes a contact's first name, last name, company or attributes. Only what is given changes; an attribute
            written 'name=' (empty value) is removed.""")
    public ToolResult updateContact(@P("the contact's email address") String email,
            @P(value = "new first name", required = false) String firstName,
            @P(value = "new last name", required = false) String lastName,
            @P(value = "new company", required = false) String company,
            @P(value = "attributes as name=value, e.g. city=Berlin", required = false) List<String> attributes) {
        return ToolResults.attempt(session, "updateContact", () -> {
            ContactView contact = byEmail.require(email);
            ContactView updated = contacts.update(contact.id(),
                    new ContactChanges(firstName, lastName, company, attributes(attributes)), session.actor());
            session.show(new AgentOutput.Contact(updated, stats.contact(updated.id())));
            return new EditResults.ContactUpdated(updated.email(), updated.displayName(), updated.company(),
                    updated.status().name().toLowerCase(), updated.tags());
        });
    }

    @Tool("Removes tags from contacts given by email address.")
    public ToolResult untagContacts(@P("the contacts' email addresses") List<String> emails,
            @P("the tags to remove") List<String> tags) {
        return ToolResults.attempt(session, "untagContacts", () -> {
            TaggedContacts untagged = byEmail.untag(emails, tags, session.actor());
            return new EditResults.ContactsUntagged(untagged.contacts(), untagged.tags(), untagged.newLinks(),
                    untagged.unknown());
        });
    }

    @Tool("Unsubscribes a contact at their or the user's request: LUX stops mailing the address (only an admin can undo it).")
    public ToolResult unsubscribeContact(@P("the contact's email address") String email,
            @P(value = "why, e.g. 'asked by phone'", required = false) String reason) {
        return ToolResults.attempt(session, "unsubscribeContact", () -> {
            ContactView contact = byEmail.require(email);
            contacts.changeStatus(contact.id(), ContactStatus.UNSUBSCRIBED, reason, session.actor());
            return new EditResults.ContactUnsubscribed(contact.email());
        });
    }

    @Tool("""
            Asks the user to confirm DELETING a contact for good: shows a card with a Confirm button. Nothing is deleted until
            the user presses Confirm themselves; you cannot confirm for them. To stop mailing someone, unsubscribe instead.""")
    public ToolResult deleteContact(@P("the contact's email address") String email) {
        return ToolResults.attempt(session, "deleteContact", () -> {
            AgentOutput.ContactDeletion card = deletions.requestContact(session.actor(), byEmail.require(email));
            session.show(card);
            return new EditResults.DeletionAsked(card.what(), card.count(), false, EditResults.DeletionAsked.NOTE);
        });
    }

    private ToolResult shown(ContactView contact) {
        ContactEngagement engagement = stats.contact(contact.id());
        session.show(new AgentOutput.Contact(contact, engagement));
        return new EditResults.ContactShown(ToolResult.DATA_CONTACTS, contact.email(), contact.displayName(),
                contact.company(), contact.status().name().toLowerCase(), contact.tags(), engagement.score(),
                engagement.received(), engagement.opened(), engagement.clicked());
    }

    /**
     * {@code name=value} pairs; an empty value removes the attribute (ContactChanges
     * merges, null removes).
     */
    static Map<String, String> attributes(List<String> pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String pair : pairs == null ? List.<String>of() : pairs) {
            if (pair == null || pair.isBlank()) {
                continue;
            }
            int eq = pair.indexOf('=') >= 0 ? pair.indexOf('=') : pair.indexOf(':');
            if (eq <= 0) {
                throw new InvalidInputException("attributes",
                        "Write attributes as name=value, e.g. city=Berlin (not \"" + pair + "\").");
            }
            String value = pair.substring(eq + 1).strip();
            map.put(pair.substring(0, eq).strip(), value.isEmpty() ? null : value);
        }
        return map;
    }

}
