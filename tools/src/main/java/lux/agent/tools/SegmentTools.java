package lux.agent.tools;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import lux.agent.AgentOutput;
import lux.campaigns.CampaignService;
import lux.contacts.AudienceFilter;
import lux.contacts.ContactService;
import lux.contacts.ContactView;
import lux.segments.SegmentCondition;
import lux.segments.SegmentDefinition;
import lux.segments.SegmentPreview;
import lux.segments.SegmentService;
import lux.segments.SegmentView;
import lux.shared.InvalidInputException;

/**
 * Saved segments from chat: define one (tags, attributes, domain, engagement), save the
 * audience analysis' inactive contacts as one, list them, preview one. Campaign names in
 * conditions become the ids core stores.
 */
public class SegmentTools {

    static final int SAMPLE = 5;

    static final int LISTED = 20;

    private final SegmentService segments;

    private final CampaignService campaigns;

    private final ContactService contacts;

    private final ToolSession session;

    SegmentTools(SegmentService segments, CampaignService campaigns, ContactService contacts, ToolSession session) {
        this.segments = segments;
        this.campaigns = campaigns;
        this.contacts = contacts;
        this.session = session;
    }

    @Tool("""
            Saves a segment: a named audience of active contacts meeting ALL the given rules, usable as a campaign's
            audience (segmentName) and for bulk tags. Give only the rules the user asked for. Shows the count and the
            first contacts.""")
    public ToolResult saveSegment(@P("a name for the segment") String name,
            @P(value = "contacts with ANY of these tags", required = false) List<String> anyOfTags,
            @P(value = "contacts with ALL of these tags", required = false) List<String> allOfTags,
            @P(value = "leave out contacts with any of these tags", required = false) List<String> excludedTags,
            @P(value = "attribute rules: 'key=value' (equals), 'key~text' (contains) or 'key' (has it), e.g. plan=gold",
                    required = false) List<String> attributes,
            @P(value = "only addresses at this domain, e.g. acme.com", required = false) String emailDomain,
            @P(value = "only contacts added on or after this date, YYYY-MM-DD", required = false) String addedSince,
            @P(value = "only those who opened this campaign (name)", required = false) String openedCampaign,
            @P(value = "only those who clicked in this campaign (name)", required = false) String clickedCampaign,
            @P(value = "only those who received this campaign (name) and did not open it",
                    required = false) String didNotOpenCampaign,
            @P(value = "only those who received this campaign (name) and clicked nothing",
                    required = false) String didNotClickCampaign,
            @P(value = "only contacts without an open or click by a person for this many days",
                    required = false) Integer inactiveDays,
            @P(value = "only contacts with an engagement score (0-100) of at least this",
                    required = false) Integer minEngagement) {
        return ToolResults.attempt(session, "saveSegment", () -> {
            List<SegmentCondition> conditions = new ArrayList<>();
            for (String rule : attributes == null ? List.<String>of() : attributes) {
                conditions.add(attribute(rule));
            }
            if (!blank(emailDomain)) {
                conditions.add(new SegmentCondition.EmailDomain(emailDomain));
            }
            if (!blank(addedSince)) {
                conditions.add(new SegmentCondition.CreatedSince(date(addedSince)));
            }
            if (!blank(openedCampaign)) {
                conditions.add(new SegmentCondition.Opened(campaignId(openedCampaign), true));
            }
            if (!blank(clickedCampaign)) {
                conditions.add(new SegmentCondition.Clicked(campaignId(clickedCampaign), true));
            }
            if (!blank(didNotOpenCampaign)) {
                conditions.add(new SegmentCondition.DidNotOpen(campaignId(didNotOpenCampaign), true));
            }
            if (!blank(didNotClickCampaign)) {
                conditions.add(new SegmentCondition.DidNotClick(campaignId(didNotClickCampaign), true));
            }
            if (inactiveDays != null) {
                conditions.add(new SegmentCondition.InactiveForDays(inactiveDays));
            }
            if (minEngagement != null) {
                conditions.add(new SegmentCondition.EngagementAtLeast(minEngagement));
            }
            AudienceFilter tags = new AudienceFilter(ContactTools.set(anyOfTags), ContactTools.set(allOfTags),
                    ContactTools.set(excludedTags));
            SegmentView saved = segments.create(name, new SegmentDefinition(tags, conditions), session.actor());
            return saved(saved, false);
        });
    }

    @Tool("""
            Saves what the audience analysis calls lapsing as a segment: active contacts (optionally with a tag) without an
            open or click by a person for N days, e.g. 'inactive 90 days'. Saving the same name again refreshes it.""")
    public ToolResult saveInactiveSegment(@P("a name for the segment, e.g. 'Inactive 90 days'") String name,
            @P("days without an open or click by a person, e.g. 90") int days,
            @P(value = "only contacts with this tag; empty = all contacts", required = false) String tag) {
        return ToolResults.attempt(session, "saveInactiveSegment", () -> {
            AudienceFilter tags = blank(tag) ? AudienceFilter.everyone() : AudienceFilter.anyOf(tag.strip());
            boolean existed = segments.list().stream().anyMatch(s -> s.name().equalsIgnoreCase(name.strip()));
            SegmentView saved = segments.saveFromAnalysis(name,
                    new SegmentDefinition(tags, List.of(new SegmentCondition.InactiveForDays(days))), session.actor());
            return saved(saved, existed);
        });
    }

    @Tool("Shows a saved segment: what it is, how many contacts it reaches now and the first few of them.")
    public ToolResult previewSegment(@P("the segment name") String name) {
        return ToolResults.attempt(session, "previewSegment", () -> {
            SegmentView segment = segments.getByName(name);
            SegmentPreview preview = show(segment);
            return new SegmentResults.SegmentPreviewed(SegmentResults.DATA_SEGMENTS, segment.name(),
                    segments.describe(segment.definition()), preview.count(), names(preview));
        });
    }

    @Tool("Lists the saved segments with what each is and how many contacts it reaches now.")
    public ToolResult listSegments() {
        return ToolResults.attempt(session, "listSegments",
                () -> new SegmentResults.SegmentsListed(SegmentResults.DATA_SEGMENTS, segments.list()
                    .stream()
                    .limit(LISTED)
                    .map(s -> new SegmentResults.SegmentLine(s.name(), s.description(), segments.count(s.definition())))
                    .toList()));
    }

    private SegmentResults.SegmentSaved saved(SegmentView saved, boolean replaced) {
        SegmentPreview preview = show(saved);
        return new SegmentResults.SegmentSaved(SegmentResults.DATA_SEGMENTS, saved.name(),
                segments.describe(saved.definition()), preview.count(), names(preview), replaced);
    }

    /** The contacts card: the segment's count and its first members. */
    private SegmentPreview show(SegmentView segment) {
        SegmentPreview preview = segments.preview(segment.definition(), SAMPLE);
        List<ContactView> sample = preview.sample().stream().map(m -> contacts.get(m.id())).toList();
        session.show(new AgentOutput.Contacts(
                "Segment " + segment.name() + ": " + segments.describe(segment.definition()), preview.count(), sample));
        return preview;
    }

    private static List<String> names(SegmentPreview preview) {
        return preview.sample().stream().map(m -> {
            String name = ((m.firstName() == null ? "" : m.firstName()) + " "
                    + (m.lastName() == null ? "" : m.lastName()))
                .strip();
            return name.isEmpty() ? m.email() : name + " <" + m.email() + ">";
        }).toList();
    }

    private long campaignId(String name) {
        return campaigns.find(name).id();
    }

    /** 'key=value', 'key~text' or 'key'. */
    static SegmentCondition attribute(String rule) {
        String text = rule == null ? "" : rule.strip();
        int equals = text.indexOf('=');
        int contains = text.indexOf('~');
        if (equals > 0 && (contains < 0 || equals < contains)) {
            return new SegmentCondition.AttributeEquals(text.substring(0, equals), text.substring(equals + 1));
        }
        if (contains > 0) {
            return new SegmentCondition.AttributeContains(text.substring(0, contains), text.substring(contains + 1));
        }
        if (text.isEmpty()) {
            throw new InvalidInputException("attributes",
                    "An attribute rule is empty: write key=value, key~text or key.");
        }
        return new SegmentCondition.AttributeExists(text);
    }

    private java.time.Instant date(String text) {
        try {
            return LocalDate.parse(text.strip()).atStartOfDay(session.zone()).toInstant();
        }
        catch (DateTimeParseException e) {
            throw new InvalidInputException("addedSince", "\"" + text + "\" is not a date; write it as 2026-01-31.");
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

}
