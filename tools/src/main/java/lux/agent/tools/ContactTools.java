package lux.agent.tools;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import lux.agent.AgentOutput;
import lux.agent.UploadedFile;
import lux.contacts.AddedContacts;
import lux.contacts.AudienceFilter;
import lux.contacts.ContactHistory;
import lux.contacts.ContactHistoryView;
import lux.contacts.ContactQuery;
import lux.contacts.ContactService;
import lux.contacts.ContactView;
import lux.contacts.ContactsByEmail;
import lux.contacts.TaggedContacts;
import lux.imports.ContactImportService;
import lux.imports.ImportMode;
import lux.stats.ContactEngagement;
import lux.stats.StatsService;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;

/** Contacts and tags, as the user who spoke. */
public class ContactTools {

    static final int SHOWN = 20;

    private final ContactService contacts;

    private final ContactsByEmail byEmail;

    private final ContactImportService imports;

    private final ContactHistory history;

    private final StatsService stats;

    private final ToolSession session;

    ContactTools(ContactService contacts, ContactsByEmail byEmail, ContactImportService imports, ContactHistory history,
            StatsService stats, ToolSession session) {
        this.history = history;
        this.stats = stats;
        this.contacts = contacts;
        this.byEmail = byEmail;
        this.imports = imports;
        this.session = session;
    }

    @Tool("Imports contacts from the CSV file the user attached last in this conversation, in the background. "
            + "A card shows progress and the result.")
    public ToolResult importContacts(
            @P(value = "tags to give every imported contact; may be empty", required = false) List<String> tags) {
        return ToolResults.attempt(session, "importContacts", () -> {
            UploadedFile file = session.lastUpload();
            if (file == null) {
                return ToolResult.NoFileAttached.CSV;
            }
            long id = imports.startDownload(file.fileName(), file.downloadUrl(), set(tags), ImportMode.ADD_NEW_ONLY,
                    session.actor());
            return new ToolResult.ImportStarted(id, file.fileName(), set(tags));
        });
    }

    @Tool("""
            Adds contacts with their names, company and attributes, or just addresses, optionally with tags. Each entry is
            one contact as the user wrote or pasted it: 'ana@example.com', 'Ana Lopez <ana@example.com>, Acme' or
            'ana@example.com, Ana Lopez, company Acme, city=Berlin' (first word of the name = first name). Known contacts
            get the tags and the names given.""")
    public ToolResult addContacts(
            @P("the contacts, one per entry, e.g. 'Ana Lopez <ana@example.com>, Acme'") List<String> contacts,
            @P(value = "tags to give them, e.g. vip; may be empty", required = false) List<String> tags) {
        return ToolResults.attempt(session, "addContacts", () -> {
            AddedContacts added = byEmail.addLines(contacts, tags, session.actor());
            return new ToolResult.ContactsAdded(added.created(), added.alreadyKnown(), added.refused(), added.tags());
        });
    }

    @Tool("Finds contacts by free text (email, name) and/or a tag. Shows up to 20 and the total.")
    public ToolResult findContacts(
            @P(value = "text to search in email and names; may be empty", required = false) String text,
            @P(value = "only contacts with this tag; may be empty", required = false) String tag) {
        return ToolResults.attempt(session, "findContacts", () -> {
            AudienceFilter filter = tag == null || tag.isBlank() ? AudienceFilter.everyone()
                    : AudienceFilter.anyOf(tag);
            Page<ContactView> page = contacts.search(new ContactQuery(text, filter, null), PageRequest.of(0, SHOWN));
            String title = "Contacts" + (text == null || text.isBlank() ? "" : " matching \"" + text.strip() + "\"")
                    + (tag == null || tag.isBlank() ? "" : " tagged " + tag.strip());
            session.show(new AgentOutput.Contacts(title, page.getTotalElements(), page.getContent()));
            return new ToolResult.ContactsFound(ToolResult.DATA_CONTACTS, page.getTotalElements(),
                    page.getNumberOfElements(),
                    page.getContent()
                        .stream()
                        .map(c -> new ToolResult.ContactLine(c.email(), c.displayName(),
                                c.status().name().toLowerCase(), c.tags()))
                        .toList());
        });
    }

    @Tool("Shows one contact: status, tags, engagement score and what LUX did and saw (added by, consent, campaigns "
            + "received, opens and clicks, unsubscribes, bounces). Use for questions like 'who is ana@example.com?'.")
    public ToolResult showContact(@P("the contact's email address") String email) {
        return ToolResults.attempt(session, "showContact", () -> {
            ContactHistoryView contact = history.of(email);
            ContactEngagement engagement = stats.contact(contact.contactId());
            session.show(new AgentOutput.ContactTimeline(contact, engagement));
            return new ToolResult.ContactShown(ToolResult.DATA_CONTACTS, contact.email(), contact.displayName(),
                    contact.status().name().toLowerCase(), contact.tags(), engagement.score(),
                    contact.entries()
                        .stream()
                        .map(e -> TimelineText.when(e.at(), session.zone()) + " " + TimelineText.what(e))
                        .toList(),
                    contact.earlierEntries());
        });
    }

    @Tool("Counts the active contacts a campaign with these tag rules would reach today.")
    public ToolResult countAudience(
            @P(value = "contacts with ANY of these tags; empty = everyone", required = false) List<String> anyOfTags,
            @P(value = "contacts with ALL of these tags", required = false) List<String> allOfTags,
            @P(value = "leave out contacts with any of these tags", required = false) List<String> excludedTags) {
        return ToolResults.attempt(session, "countAudience", () -> {
            AudienceFilter filter = new AudienceFilter(set(anyOfTags), set(allOfTags), set(excludedTags));
            return new ToolResult.AudienceCounted(contacts.countAudience(filter), filter.describe());
        });
    }

    @Tool("Adds tags to contacts given by email address.")
    public ToolResult tagContacts(@P("the contacts' email addresses") List<String> emails,
            @P("the tags to add") List<String> tags) {
        return ToolResults.attempt(session, "tagContacts", () -> {
            TaggedContacts tagged = byEmail.tag(emails, tags, session.actor());
            return new ToolResult.ContactsTagged(tagged.contacts(), tagged.tags(), tagged.newLinks(), tagged.unknown());
        });
    }

    static Set<String> set(List<String> values) {
        return values == null ? Set.of()
                : values.stream()
                    .filter(v -> v != null && !v.isBlank())
                    .collect(Collectors.toCollection(LinkedHashSet::new));
    }

}
