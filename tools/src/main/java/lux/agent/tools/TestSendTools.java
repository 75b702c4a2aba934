package lux.agent.tools;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import java.util.List;
import java.util.Optional;
import lux.agent.AgentOutput;
import lux.campaigns.CampaignService;
import lux.campaigns.CampaignView;
import lux.delivery.TestSendRequest;
import lux.delivery.TestSendResult;
import lux.delivery.TestSendService;
import lux.shared.NotFoundException;
import lux.templates.TemplateService;
import lux.templates.TemplateView;

/** "Send me a test" of a campaign or a template; the card shows what went where. */
public class TestSendTools {

    private final TestSendService tests;

    private final CampaignService campaigns;

    private final TemplateService templates;

    private final ToolSession session;

    TestSendTools(TestSendService tests, CampaignService campaigns, TemplateService templates, ToolSession session) {
        this.tests = tests;
        this.campaigns = campaigns;
        this.templates = templates;
        this.session = session;
    }

    @Tool("""
            Sends a test of a campaign (or of a template) to the user's own mailbox, or to up to 5 addresses they name:
            subject prefixed [Test], links untracked, not counted, the campaign is not changed. Safe to call without asking.""")
    public ToolResult sendTest(@P("the campaign name, or a template name") String name,
            @P(value = "email addresses to send the test to; empty = the user's own address",
                    required = false) List<String> to,
            @P(value = "render it for the contact with this email; empty = the sample contact",
                    required = false) String contactEmail) {
        return ToolResults.attempt(session, "sendTest", () -> {
            TestSendRequest request = new TestSendRequest(to, contactEmail);
            Optional<CampaignView> campaign = campaign(name);
            TestSendResult result;
            String shown;
            if (campaign.isPresent()) {
                result = tests.sendCampaign(campaign.get().id(), request, session.actor());
                shown = campaign.get().name();
            }
            else {
                TemplateView template = template(name);
                result = tests.sendTemplate(template.id(), request, session.actor());
                shown = template.name();
            }
            session.show(new AgentOutput.TestSent(campaign.isPresent() ? "campaign" : "template", shown, result));
            if (result.sentTo().isEmpty()) {
                return new ToolResult.Failed(
                        "the test of \"" + shown + "\" was not sent: " + String.join("; ", result.failed()));
            }
            return new ToolResult.TestSent(shown, result.sentTo(), result.failed());
        });
    }

    private Optional<CampaignView> campaign(String name) {
        try {
            return Optional.of(campaigns.getByName(name));
        }
        catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    private TemplateView template(String name) {
        try {
            return templates.byName(name);
        }
        catch (NotFoundException e) {
            throw new NotFoundException("Campaign or template", "\"" + (name == null ? "" : name.strip()) + "\"");
        }
    }

}
