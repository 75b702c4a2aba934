package lux.teams;

import com.microsoft.bot.builder.TurnContext;
import com.microsoft.bot.schema.Activity;
import com.microsoft.bot.schema.ResourceResponse;
import java.time.ZoneId;
import java.util.Locale;
import lux.agent.AgentOutput;
import lux.agent.AgentReply;
import lux.agent.TeamsMessages;
import lux.agent.insights.CampaignStats;
import lux.templates.TemplateService;
import lux.templates.TemplateView;
import org.springframework.stereotype.Component;

/**
 * Sends an agent reply: its text, then one card per output (contacts, previews, the
 * confirmation, stats...).
 */
@Component
class ReplyWriter {

    private final CardFactory cards;

    private final TeamsSender sender;

    private final ChartRenderer charts;

    private final ChartStore chartStore;

    private final TemplateService templates;

    private final lux.config.CoreProperties core;

    private final lux.agent.LuxAgent agent;

    private final PrivateChat privateChat;

    private final TeamsIdentity identity;

    private final InsightCards insights;

    private final ContactCards contactCards;

    private final EditCards edits;

    private final AbTestCards abTestCards;

    ReplyWriter(CardFactory cards, TeamsSender sender, ChartRenderer charts, ChartStore chartStore,
            TemplateService templates, lux.config.CoreProperties core, lux.agent.LuxAgent agent,
            PrivateChat privateChat, TeamsIdentity identity, InsightCards insights, ContactCards contactCards,
            EditCards edits, AbTestCards abTestCards) {
        this.abTestCards = abTestCards;
        this.contactCards = contactCards;
        this.edits = edits;
        this.insights = insights;
        this.privateChat = privateChat;
        this.identity = identity;
        this.cards = cards;
        this.sender = sender;
        this.charts = charts;
        this.chartStore = chartStore;
        this.templates = templates;
        this.core = core;
        this.agent = agent;
    }

    /**
     * Writes the reply where it was asked for; in a channel or group chat a private one
     * goes to the personal chat.
     */
    void write(TurnContext turn, AgentReply reply, ZoneId zone) {
        Locale locale = TeamsMessages.locale(turn.getActivity().getLocale()); // the
                                                                              // asker's,
                                                                              // also in
                                                                              // their
                                                                              // personal
                                                                              // chat
        if (PrivateChat.shared(turn.getActivity()) && reply.privateAnswer()
                && identity.resolve(turn.getActivity()) instanceof TeamsIdentity.Known known) {
            privateChat.answer(turn, known.user().getId(), zone, personal -> writeHere(personal, reply, zone, locale));
            return;
        }
        writeHere(turn, reply, zone, locale);
    }

    private void writeHere(TurnContext turn, AgentReply reply, ZoneId zone, Locale locale) {
        if (reply.text() != null && !reply.text().isBlank()) {
            sender.send(turn, Replies.text(reply.text()));
        }
        for (AgentOutput output : reply.outputs()) {
            Card card = card(output, zone, locale);
            if (card != null) {
                Activity activity = Replies.card(card);
                ResourceResponse sent = sender.send(turn, activity);
                if (sent != null) {
                    sent.getId();
                }
            }
        }
    }

    Card card(AgentOutput output, ZoneId zone, Locale locale) {
        if (output instanceof AgentOutput.Help) {
            return cards.help(false, agent.modelEnabled(), locale);
        }
        else if (output instanceof AgentOutput.Contacts c) {
            return cards.contacts(c, locale);
        }
        else if (output instanceof AgentOutput.ContactTimeline t) {
            return contactCards.timeline(t, zone, locale);
        }
        else if (output instanceof AgentOutput.Templates t) {
            return cards.templates(t, locale);
        }
        else if (output instanceof AgentOutput.TemplatePreview p) {
            return cards.templatePreview(p, locale);
        }
        else if (output instanceof AgentOutput.Campaigns c) {
            return cards.campaigns(c, zone, locale);
        }
        else if (output instanceof AgentOutput.Confirmation c) {
            return cards.confirmation(c, zone, locale);
        }
        else if (output instanceof AgentOutput.TestSent t) {
            return cards.testSent(t, locale);
        }
        else if (output instanceof AgentOutput.Stats s) {
            return cards.stats(s.stats(), chartUrl(s.stats()), locale);
        }
        else if (output instanceof AgentOutput.AbTest t) {
            return abTestCards.card(t.test(), zone, locale);
        }
        else if (output instanceof AgentOutput.Audience a) {
            return insights.audience(a.analysis(), locale);
        }
        else if (output instanceof AgentOutput.Content c) {
            return insights.content(c.template(), c.report(), locale);
        }
        else if (output instanceof AgentOutput.Contact c) {
            return edits.contact(c, zone, locale);
        }
        else if (output instanceof AgentOutput.ContactDeletion d) {
            return edits.contactDeletion(d, zone, locale);
        }
        else if (output instanceof AgentOutput.JourneyConfirmation j) {
            return edits.journeyConfirmation(j, zone, locale);
        }
        else if (output instanceof AgentOutput.JourneyProgress p) {
            return edits.journeyProgress(p, locale);
        }
        else if (output instanceof AgentOutput.Suppressions s) {
            return edits.suppressions(s, zone, locale);
        }
        else if (output instanceof AgentOutput.Form f) {
            return cards.form(f.kind(), templates.list().stream().map(TemplateView::name).toList(), locale);
        }
        return null;
    }

    String chartUrl(CampaignStats stats) {
        String id = chartStore.put(charts.funnel(stats));
        String base = core.publicBaseUrl().toString().replaceAll("/+$", "");
        return base + "/charts/" + id + ".png";
    }

}
