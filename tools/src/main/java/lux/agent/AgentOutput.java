package lux.agent;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import lux.agent.insights.CampaignStats;
import lux.agent.insights.ContentReport;
import lux.campaigns.CampaignView;
import lux.campaigns.PlanCheck;
import lux.contacts.ContactHistoryView;
import lux.contacts.ContactView;
import lux.stats.ContactEngagement;
import lux.stats.AudienceAnalysis;
import lux.templates.RenderedMessage;
import lux.templates.TemplateView;

/**
 * Something a tool wants shown as a card besides the text reply. A {@link Confirmation}
 * carries the one-time nonce of the confirmation gate: it goes to the card only, never
 * back to the model.
 */
public sealed interface AgentOutput {

    record Help() implements AgentOutput {
    }

    record Contacts(String title, long total, List<ContactView> contacts) implements AgentOutput, PrivateAnswer {
    }

    record Templates(List<TemplateView> templates) implements AgentOutput {
    }

    /** {@code templateId} is null for a draft that was not saved (it had a problem). */
    record TemplatePreview(Long templateId, String name, RenderedMessage rendered) implements AgentOutput {
    }

    record Campaigns(List<CampaignView> campaigns) implements AgentOutput {
    }

    /**
     * {@code note} is the reason given for a REJECT; {@code warnings} are the schedule
     * plan's findings that do not block it, {@code blocking} those (pre-flight's) that
     * do: the card shows them and offers no Confirm. {@code sender} is the mailbox the
     * mail goes out from, as people should see it.
     */
    record Confirmation(String nonce, ConfirmationKind kind, CampaignView campaign, String templateName, String subject,
            String audience, long audienceCount, ZonedDateTime when, Instant estimatedFinish, Instant expiresAt,
            String sender, String note, List<PlanCheck> warnings, List<PlanCheck> blocking) implements AgentOutput {
        public Confirmation {
            warnings = List.copyOf(warnings);
            blocking = List.copyOf(blocking);
        }

        public boolean blocked() {
            return !blocking.isEmpty();
        }
    }

    /** An A/B test's variants, rates and verdict. */
    record AbTest(lux.abtests.AbTestView test) implements AgentOutput {
    }

    record Stats(CampaignStats stats) implements AgentOutput, PrivateAnswer {
    }

    /** A test send of a campaign or template ({@code kind}) and what became of it. */
    record TestSent(String kind, String name, lux.delivery.TestSendResult result) implements AgentOutput {
    }

    record Audience(AudienceAnalysis analysis) implements AgentOutput, PrivateAnswer {
    }

    record Content(String template, ContentReport report) implements AgentOutput {
    }

    /**
     * One contact: status, tags, engagement score and the timeline of what LUX did and
     * saw.
     */
    record ContactTimeline(ContactHistoryView contact,
            ContactEngagement engagement) implements AgentOutput, PrivateAnswer {
    }

    /**
     * A Confirm card for deleting contacts: {@code what} is the address or the audience,
     * {@code sample} the first few addresses. Like {@link Confirmation}, its nonce goes
     * to the card only.
     */
    record ContactDeletion(String nonce, String what, long count, List<String> sample,
            Instant expiresAt) implements AgentOutput, PrivateAnswer {
        public ContactDeletion {
            sample = List.copyOf(sample);
        }
    }

    /**
     * A Confirm card for a journey built in chat: its trigger and steps as they will be
     * created (typed, for the card to word in the reader's language). Like
     * {@link Confirmation}, its nonce goes to the card only.
     */
    record JourneyConfirmation(String nonce, String name, lux.journeys.Trigger trigger,
            List<lux.journeys.JourneyStep> steps, String timeZone, Instant expiresAt) implements AgentOutput {
        public JourneyConfirmation {
            steps = List.copyOf(steps);
        }
    }

    /**
     * One journey as it runs: its steps (current version) and each step's live numbers.
     */
    record JourneyProgress(lux.journeys.JourneyView journey, lux.journeys.JourneyStats stats) implements AgentOutput {
    }

    /**
     * One contact as people look it up: who, status, tags, and how engaged
     * ({@code engagement} from core stats).
     */
    record Contact(ContactView contact, lux.stats.ContactEngagement engagement) implements AgentOutput, PrivateAnswer {
    }

    /** Suppression entries (admin only), newest first; {@code total} counts them all. */
    record Suppressions(long total, List<SuppressionLine> entries) implements AgentOutput, PrivateAnswer {
        public Suppressions {
            entries = List.copyOf(entries);
        }
    }

    /**
     * One suppression entry as people see it; an erased address shows as its hash's start
     * only.
     */
    record SuppressionLine(String kind, String value, String reason, String note, Instant since) {
    }

    /**
     * A command-mode form (contact, template or campaign) for what is awkward to type.
     */
    record Form(FormKind kind) implements AgentOutput {
    }

}
