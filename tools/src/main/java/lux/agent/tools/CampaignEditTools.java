package lux.agent.tools;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import java.util.List;
import lux.campaigns.CampaignAudiences;
import lux.campaigns.CampaignChanges;
import lux.campaigns.CampaignService;
import lux.campaigns.CampaignView;
import lux.campaigns.Senders;
import lux.contacts.AudienceFilter;
import lux.segments.SegmentService;
import lux.templates.TemplateService;

/**
 * A draft campaign edited (template, tag audience, sender from the allowed list, time) or
 * any campaign copied.
 */
public class CampaignEditTools {

    private final CampaignService campaigns;

    private final TemplateService templates;

    private final CampaignAudiences audiences;

    private final SegmentService segments;

    private final Senders senders;

    private final CampaignTools scheduling;

    private final ToolSession session;

    CampaignEditTools(CampaignService campaigns, TemplateService templates, CampaignAudiences audiences,
            SegmentService segments, Senders senders, CampaignTools scheduling, ToolSession session) {
        this.audiences = audiences;
        this.segments = segments;
        this.campaigns = campaigns;
        this.templates = templates;
        this.senders = senders;
        this.scheduling = scheduling;
        this.session = session;
    }

    @Tool("""
            Edits a DRAFT campaign: its template, its audience (a saved segment by segmentName, or tags: give all three tag
            lists to replace it), or its sender
            mailbox (one of the allowed senders). With 'when' it then asks the user to confirm the time on a card, like
            scheduleCampaign. Only what is given changes.""")
    public ToolResult editCampaign(@P("the campaign name") String campaignName,
            @P(value = "the name of the saved template to send instead", required = false) String templateName,
            @P(value = "new audience: contacts with ANY of these tags", required = false) List<String> anyOfTags,
            @P(value = "new audience: contacts with ALL of these tags", required = false) List<String> allOfTags,
            @P(value = "new audience: leave out contacts with these tags", required = false) List<String> excludedTags,
            @P(value = "the sender mailbox, one of the allowed senders", required = false) String sender,
            @P(value = "a time to ask the user to confirm, as for scheduleCampaign", required = false) String when,
            @P(value = "new audience: this saved segment (instead of tags)", required = false) String segmentName) {
        return ToolResults.attempt(session, "editCampaign", () -> {
            CampaignView campaign = campaigns.find(campaignName);
            Long templateId = blank(templateName) ? null : templates.byName(templateName).id();
            Long segmentId = blank(segmentName) ? null : segments.getByName(segmentName).id();
            boolean newAudience = anyOfTags != null || allOfTags != null || excludedTags != null;
            AudienceFilter audience = newAudience ? new AudienceFilter(ContactTools.set(anyOfTags),
                    ContactTools.set(allOfTags), ContactTools.set(excludedTags)) : null;
            CampaignView edited = campaign;
            if (templateId != null || audience != null || segmentId != null || !blank(sender)) {
                edited = campaigns.update(campaign.id(), new CampaignChanges(null, templateId,
                        blank(sender) ? null : sender.strip(), audience, segmentId), session.actor());
            }
            ToolResult result = edited(edited);
            return blank(when) ? result : scheduling.scheduleCampaign(edited.name(), when);
        });
    }

    /** {@link #editCampaign} without a segment, as the commands call it. */
    public ToolResult editCampaign(String campaignName, String templateName, List<String> anyOfTags,
            List<String> allOfTags, List<String> excludedTags, String sender, String when) {
        return editCampaign(campaignName, templateName, anyOfTags, allOfTags, excludedTags, sender, when, null);
    }

    @Tool("Copies a campaign (any status) as a new draft with the same template, audience and sender. Sends nothing.")
    public ToolResult duplicateCampaign(@P("the campaign to copy") String campaignName,
            @P(value = "a name for the copy; empty = '<name> (copy)'", required = false) String newName) {
        return ToolResults.attempt(session, "duplicateCampaign", () -> {
            CampaignView original = campaigns.find(campaignName);
            CampaignView copy = campaigns.duplicate(original.id(), newName, session.actor());
            return new EditResults.CampaignDuplicated(original.name(), copy.name(), audiences.describe(copy.id()),
                    audiences.count(copy.id()));
        });
    }

    private EditResults.CampaignEdited edited(CampaignView campaign) {
        String from = campaign.sender() != null ? campaign.sender()
                : String.join(", ", senders.defaults()) + " (default)";
        return new EditResults.CampaignEdited(campaign.name(), templates.get(campaign.templateId()).name(),
                audiences.describe(campaign.id()), audiences.count(campaign.id()), from);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

}
