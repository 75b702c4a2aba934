package lux.agent.tools;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import lux.agent.AgentOutput;
import lux.agent.UploadedFile;
import lux.contacts.AudienceFilter;
import lux.contacts.ContactQuery;
import lux.contacts.ContactService;
import lux.contacts.ContactStatus;
import lux.contacts.ContactView;
import lux.contacts.NewContact;
import lux.imports.ContactImportService;
import lux.imports.ImportMode;
import lux.shared.EmailAddress;
import lux.shared.LuxException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;

/** Contacts and tags, as the user who spoke. */
public class ContactTools {
    static final int SHOWN = 20;
    private final ContactService contacts;
    private final ToolSession session;

    private final ContactImportService imports;

    ContactTools(ContactService contacts, ContactImportService imports, ToolSession session) {
        this.contacts = contacts;
        this.imports = imports;
        this.session = session;
    }

    @Tool("Imports contacts from the CSV file the user attached last in this conversation, in the background. "
            + "A card shows progress and the result.")
    public String importContacts(@P(value = "tags to give every imported contact; may be empty", required = false) List<String> tags) {
        return ToolResults.attempt(session, "importContacts", () -> {
            UploadedFile file = session.lastUpload();
            if (file == null) {
                return "FAILED: no file attached yet. Ask the user to attach a CSV file (columns like email, first_name, "
                        + "last_name, company, tags) to a message first.";
            }
            long id = imports.startDownload(file.fileName(), file.downloadUrl(), set(tags), ImportMode.ADD_NEW_ONLY, session.actor());
            return "Import " + id + " of " + file.fileName() + " started" + (tags == null || tags.isEmpty() ? "" : " (tags: "
                    + String.join(", ", set(tags)) + ")") + ". A card shows progress and the result; existing contacts are left as they are.";
        });
    }

    @Tool("Adds contacts by email address, optionally with tags. Existing contacts get the tags added.")
    public String addContacts(@P("the email addresses to add") List<String> emails,
                              @P(value = "tags to give them, e.g. vip; may be empty", required = false) List<String> tags) {
        return ToolResults.attempt(session, "addContacts", () -> {
            Set<String> tagSet = tags == null ? Set.of() : new LinkedHashSet<>(tags);
            List<String> created = new ArrayList<>();
            List<String> existing = new ArrayList<>();
            List<String> invalid = new ArrayList<>();
            List<Long> toTag = new ArrayList<>();
            for (String raw : emails == null ? List.<String>of() : emails) {
                try {
                    String email = EmailAddress.normalise(raw);
                    var found = contacts.findByEmail(email);
                    if (found.isPresent()) {
                        existing.add(email);
                        toTag.add(found.get().id());
                    } else {
                        contacts.create(new NewContact(email, null, null, null, null, tagSet, null), session.actor());
                        created.add(email);
                    }
                } catch (LuxException e) {
                    invalid.add(raw + " (" + e.getMessage() + ")");
                }
            }
            if (!toTag.isEmpty() && !tagSet.isEmpty()) {
                contacts.tag(toTag, tagSet, session.actor());
            }
            StringBuilder text = new StringBuilder();
            text.append("Added ").append(created.size()).append(created.size() == 1 ? " contact" : " contacts");
            if (!tagSet.isEmpty()) {
                text.append(" tagged ").append(String.join(", ", tagSet));
            }
            text.append(created.isEmpty() ? "." : ": " + String.join(", ", created) + ".");
            if (!existing.isEmpty()) {
                text.append(" Already known").append(tagSet.isEmpty() ? "" : " (tags added)").append(": ")
                        .append(String.join(", ", existing)).append(".");
            }
            if (!invalid.isEmpty()) {
                text.append(" Not added: ").append(String.join("; ", invalid)).append(".");
            }
            if (emails == null || emails.isEmpty()) {
                return "FAILED: give at least one email address.";
            }
            return text.toString();
        });
    }

    @Tool("Finds contacts by free text (email, name) and/or a tag. Shows up to 20 and the total.")
    public String findContacts(@P(value = "text to search in email and names; may be empty", required = false) String text,
                               @P(value = "only contacts with this tag; may be empty", required = false) String tag) {
        return ToolResults.attempt(session, "findContacts", () -> {
            AudienceFilter filter = tag == null || tag.isBlank() ? AudienceFilter.everyone() : AudienceFilter.anyOf(tag);
            Page<ContactView> page = contacts.search(new ContactQuery(text, filter, null), PageRequest.of(0, SHOWN));
            String title = "Contacts" + (text == null || text.isBlank() ? "" : " matching \"" + text.strip() + "\"")
                    + (tag == null || tag.isBlank() ? "" : " tagged " + tag.strip());
            session.show(new AgentOutput.Contacts(title, page.getTotalElements(), page.getContent()));
            if (page.getTotalElements() == 0) {
                return "No contacts found.";
            }
            return page.getTotalElements() + " contacts found; the card shows " + page.getNumberOfElements()
                    + ". " + ToolResults.DATA_CONTACTS + page.getContent().stream()
                    .map(c -> "- " + c.email() + " | " + c.displayName() + " | " + c.status().name().toLowerCase()
                            + " | tags: " + String.join(",", c.tags()))
                    .collect(Collectors.joining("\n"));
        });
    }

    @Tool("Counts the active contacts a campaign with these tag rules would reach today.")
    public String countAudience(@P(value = "contacts with ANY of these tags; empty = everyone", required = false) List<String> anyOfTags,
                                @P(value = "contacts with ALL of these tags", required = false) List<String> allOfTags,
                                @P(value = "leave out contacts with any of these tags", required = false) List<String> excludedTags) {
        return ToolResults.attempt(session, "countAudience", () -> {
            AudienceFilter filter = new AudienceFilter(set(anyOfTags), set(allOfTags), set(excludedTags));
            long n = contacts.countAudience(filter);
            return n + " " + filter.describe() + ".";
        });
    }

    @Tool("Adds tags to contacts given by email address.")
    public String tagContacts(@P("the contacts' email addresses") List<String> emails, @P("the tags to add") List<String> tags) {
        return ToolResults.attempt(session, "tagContacts", () -> {
            List<Long> ids = new ArrayList<>();
            List<String> unknown = new ArrayList<>();
            for (String email : emails == null ? List.<String>of() : emails) {
                contacts.findByEmail(email).ifPresentOrElse(c -> ids.add(c.id()), () -> unknown.add(email));
            }
            if (ids.isEmpty()) {
                return "FAILED: none of these addresses is a contact: " + String.join(", ", unknown) + ".";
            }
            int added = contacts.tag(ids, set(tags), session.actor());
            return "Tagged " + ids.size() + " contacts with " + String.join(", ", set(tags)) + " (" + added + " new tag links)."
                    + (unknown.isEmpty() ? "" : " Unknown addresses, not tagged: " + String.join(", ", unknown) + ".");
        });
    }

    static Set<String> set(List<String> values) {
        return values == null ? Set.of() : values.stream().filter(v -> v != null && !v.isBlank())
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    static String status(ContactStatus status) {
        return status.name().toLowerCase();
    }
}
