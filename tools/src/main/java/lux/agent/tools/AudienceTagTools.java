package lux.agent.tools;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import java.util.List;
import java.util.Set;
import lux.contacts.AudienceFilter;
import lux.contacts.ContactBulkService;
import lux.contacts.ContactFilter;
import lux.contacts.ContactSelection;
import lux.segments.SegmentService;
import lux.agent.AgentOutput;
import lux.shared.ConflictException;
import lux.shared.InvalidInputException;

/**
 * Tags added to or removed from every contact of a tag audience at once (core
 * {@link ContactBulkService}), only with the count the person saw: if the audience
 * changed since, nothing happens and the new count is given.
 */
public class AudienceTagTools {

    private final ContactBulkService bulk;

    private final ContactDeletions deletions;

    private final SegmentService segments;

    private final ToolSession session;

    AudienceTagTools(ContactBulkService bulk, ContactDeletions deletions, SegmentService segments,
            ToolSession session) {
        this.segments = segments;
        this.deletions = deletions;
        this.bulk = bulk;
        this.session = session;
    }

    @Tool("""
            Adds tags to EVERY contact (any status) chosen by tag rules. First tell the user how many contacts that is
            (call it with confirmedCount empty to get the number) and call again with the number they agreed to.""")
    public ToolResult tagAudience(@P("the tags to add") List<String> tags,
            @P(value = "contacts with ANY of these tags; empty = everyone", required = false) List<String> anyOfTags,
            @P(value = "contacts with ALL of these tags", required = false) List<String> allOfTags,
            @P(value = "leave out contacts with any of these tags", required = false) List<String> excludedTags,
            @P(value = "the number of contacts the user agreed to change", required = false) Long confirmedCount,
            @P(value = "the contacts of this saved segment instead of tag rules",
                    required = false) String segmentName) {
        return ToolResults.attempt(session, "tagAudience",
                () -> retag(true, tags, anyOfTags, allOfTags, excludedTags, confirmedCount, segmentName));
    }

    /** {@link #tagAudience} by tag rules, as the commands call it. */
    public ToolResult tagAudience(List<String> tags, List<String> anyOfTags, List<String> allOfTags,
            List<String> excludedTags, Long confirmedCount) {
        return tagAudience(tags, anyOfTags, allOfTags, excludedTags, confirmedCount, null);
    }

    @Tool("""
            Removes tags from EVERY contact chosen by tag rules. First tell the user how many contacts that is (call it with
            confirmedCount empty to get the number) and call again with the number they agreed to.""")
    public ToolResult untagAudience(@P("the tags to remove") List<String> tags,
            @P(value = "contacts with ANY of these tags; empty = everyone", required = false) List<String> anyOfTags,
            @P(value = "contacts with ALL of these tags", required = false) List<String> allOfTags,
            @P(value = "leave out contacts with any of these tags", required = false) List<String> excludedTags,
            @P(value = "the number of contacts the user agreed to change", required = false) Long confirmedCount,
            @P(value = "the contacts of this saved segment instead of tag rules",
                    required = false) String segmentName) {
        return ToolResults.attempt(session, "untagAudience",
                () -> retag(false, tags, anyOfTags, allOfTags, excludedTags, confirmedCount, segmentName));
    }

    /** {@link #untagAudience} by tag rules, as the commands call it. */
    public ToolResult untagAudience(List<String> tags, List<String> anyOfTags, List<String> allOfTags,
            List<String> excludedTags, Long confirmedCount) {
        return untagAudience(tags, anyOfTags, allOfTags, excludedTags, confirmedCount, null);
    }

    @Tool("""
            Asks the user to confirm DELETING every contact (any status) chosen by tag rules, or every contact of a saved
            segment: a card shows how many and a Confirm button. Nothing is deleted until the user presses Confirm; if the
            count changed by then, nothing is.""")
    public ToolResult deleteAudience(
            @P(value = "contacts with ANY of these tags", required = false) List<String> anyOfTags,
            @P(value = "contacts with ALL of these tags", required = false) List<String> allOfTags,
            @P(value = "leave out contacts with any of these tags", required = false) List<String> excludedTags,
            @P(value = "the contacts of this saved segment instead of tag rules",
                    required = false) String segmentName) {
        return ToolResults.attempt(session, "deleteAudience", () -> {
            if (segmentName != null && !segmentName.isBlank()) {
                return asked(deletions.requestSegment(session.actor(), segments.getByName(segmentName)));
            }
            AudienceFilter audience = new AudienceFilter(ContactTools.set(anyOfTags), ContactTools.set(allOfTags),
                    ContactTools.set(excludedTags));
            if (audience.anyOf().isEmpty() && audience.allOf().isEmpty()) {
                throw new InvalidInputException("tags",
                        "Name the tags of the contacts to delete; LUX does not delete everyone at once.");
            }
            return asked(deletions.requestAudience(session.actor(), audience));
        });
    }

    /** {@link #deleteAudience} by tag rules, as the commands call it. */
    public ToolResult deleteAudience(List<String> anyOfTags, List<String> allOfTags, List<String> excludedTags) {
        return deleteAudience(anyOfTags, allOfTags, excludedTags, null);
    }

    private ToolResult asked(AgentOutput.ContactDeletion card) {
        session.show(card);
        return new EditResults.DeletionAsked(card.what(), card.count(), false, EditResults.DeletionAsked.NOTE);
    }

    private ToolResult retag(boolean add, List<String> tags, List<String> anyOf, List<String> allOf,
            List<String> excluded, Long confirmedCount, String segmentName) {
        Set<String> tagSet = ContactTools.set(tags);
        if (tagSet.isEmpty()) {
            throw new InvalidInputException("tags", "Name the tags to " + (add ? "add." : "remove."));
        }
        if (segmentName != null && !segmentName.isBlank()) {
            return retag(add, tagSet, segments.selection(segments.getByName(segmentName).id()), confirmedCount);
        }
        ContactFilter filter = new ContactFilter(
                new AudienceFilter(ContactTools.set(anyOf), ContactTools.set(allOf), ContactTools.set(excluded)), null,
                null, null);
        long count = bulk.count(filter);
        String audience = filter.describe();
        if (confirmedCount == null) {
            return new EditResults.RetagCounted(add, audience, count, tagSet);
        }
        if (count != confirmedCount) {
            throw new ConflictException("The audience (" + audience + ") now has " + count + " contacts, not the "
                    + confirmedCount + " confirmed. Nothing was changed; confirm the new number.");
        }
        int links = add ? bulk.tag(filter, tagSet, session.actor()) : bulk.untag(filter, tagSet, session.actor());
        return new EditResults.AudienceRetagged(add, audience, count, tagSet, links);
    }

    /** The same for a segment's contacts, with the same count check. */
    private ToolResult retag(boolean add, Set<String> tagSet, ContactSelection segment, Long confirmedCount) {
        long count = bulk.count(segment);
        if (confirmedCount == null) {
            return new EditResults.RetagCounted(add, segment.description(), count, tagSet);
        }
        if (count != confirmedCount) {
            throw new ConflictException(
                    "The audience (" + segment.description() + ") now has " + count + " contacts, not the "
                            + confirmedCount + " confirmed. Nothing was changed; confirm the new number.");
        }
        int links = add ? bulk.tag(segment, tagSet, session.actor()) : bulk.untag(segment, tagSet, session.actor());
        return new EditResults.AudienceRetagged(add, segment.description(), count, tagSet, links);
    }

}
