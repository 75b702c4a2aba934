package lux.teams;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import lux.agent.AgentOutput;
import lux.agent.TeamsMessages;
import lux.contacts.ContactView;
import lux.journeys.JourneyDrafts;
import lux.journeys.JourneyStats;
import lux.journeys.JourneyStep;
import lux.journeys.StepStats;
import lux.stats.ContactEngagement;
import org.springframework.stereotype.Component;

/**
 * One contact (status, tags, engagement), the suppression list and journeys (the Confirm
 * card, the live numbers) as cards, in the reader's language (a journey's steps and
 * trigger too, from their language-neutral {@link lux.journeys.Phrase}).
 */
@Component
class EditCards {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);

    private static final DateTimeFormatter DAY_DE = DateTimeFormatter.ofPattern("d. MMM yyyy", Locale.GERMAN);

    private static final DateTimeFormatter EXPIRES = DateTimeFormatter.ofPattern("d MMM HH:mm", Locale.ENGLISH);

    private static final DateTimeFormatter EXPIRES_DE = DateTimeFormatter.ofPattern("d. MMM HH:mm", Locale.GERMAN);

    private final CardTemplates templates;

    private final TeamsMessages messages;

    EditCards(CardTemplates templates, TeamsMessages messages) {
        this.templates = templates;
        this.messages = messages;
    }

    Card contact(AgentOutput.Contact output, ZoneId zone, Locale locale) {
        ContactView c = output.contact();
        ContactEngagement e = output.engagement();
        List<Map<String, Object>> facts = new ArrayList<>();
        facts.add(fact(t(locale, "card.contact.email"), c.email()));
        if (c.company() != null) {
            facts.add(fact(t(locale, "card.contact.company"), c.company()));
        }
        facts.add(fact(t(locale, "card.contact.status"), messages.status(locale, c.status())));
        facts.add(fact(t(locale, "card.contact.tags"),
                c.tags().isEmpty() ? t(locale, "card.none") : String.join(", ", c.tags())));
        c.attributes().forEach((k, v) -> facts.add(fact(k, v)));
        facts.add(fact(t(locale, "card.contact.engagement"),
                t(locale, "card.contact.engagementValue", String.valueOf(e.score()))));
        facts.add(fact(t(locale, "card.contact.campaigns"), t(locale, "card.contact.campaignsValue",
                String.valueOf(e.received()), String.valueOf(e.opened()), String.valueOf(e.clicked()))));
        facts.add(fact(t(locale, "card.contact.lastActive"), e.lastActivity() == null ? t(locale, "card.contact.never")
                : day(locale).format(e.lastActivity().atZone(zone))));
        return facts(c.displayName(), null, facts, List.of(), locale);
    }

    Card suppressions(AgentOutput.Suppressions output, ZoneId zone, Locale locale) {
        List<Map<String, Object>> facts = output.entries()
            .stream()
            .map(s -> fact(s.value(),
                    s.kind() + ", " + s.reason() + (s.note() == null ? "" : ": " + s.note()) + " ("
                            + day(locale).format(s.since().atZone(zone)) + ")"))
            .toList();
        String total = t(locale, "card.suppressions.total", output.total());
        String summary = output.total() == 0 ? t(locale, "card.suppressions.none")
                : (output.total() > facts.size() ? t(locale, "card.suppressions.showing", total, facts.size()) : total)
                        + ". " + t(locale, "card.suppressions.never");
        return facts(t(locale, "card.suppressions.title"), summary, facts, List.of(), locale);
    }

    /**
     * The Confirm card for deleting contacts; its buttons carry the nonce, which never
     * reaches the model.
     */
    Card contactDeletion(AgentOutput.ContactDeletion d, ZoneId zone, Locale locale) {
        List<Map<String, Object>> facts = new ArrayList<>();
        facts.add(fact(t(locale, "card.delete.contacts"), d.count()));
        facts.add(fact(t(locale, d.count() > d.sample().size() ? "card.delete.firstFew" : "card.delete.addresses"),
                String.join(", ", d.sample())));
        facts.add(fact(t(locale, "card.delete.expires"),
                (german(locale) ? EXPIRES_DE : EXPIRES).format(d.expiresAt().atZone(zone))));
        return facts(t(locale, "card.delete.title", d.count(), d.what()), t(locale, "card.delete.warning"), facts,
                List.of(Map.of("title", t(locale, "card.confirm.confirm"), "data",
                        Map.of("action", "confirm-contacts", "nonce", d.nonce())),
                        Map.of("title", t(locale, "card.confirm.cancel"), "data",
                                Map.of("action", "decline-contacts", "nonce", d.nonce()))),
                locale);
    }

    /**
     * The Confirm card for a journey built in chat: the trigger and every step, numbered;
     * its buttons carry the nonce, which never reaches the model.
     */
    Card journeyConfirmation(AgentOutput.JourneyConfirmation j, ZoneId zone, Locale locale) {
        List<Map<String, Object>> facts = new ArrayList<>();
        facts.add(fact(t(locale, "card.journey.starts"), messages.phrase(locale, j.trigger().phrase())));
        for (int i = 0; i < j.steps().size(); i++) {
            facts.add(fact(t(locale, "card.journey.step", i + 1),
                    messages.phrase(locale, JourneyDrafts.linePhrase(j.steps().get(i)))));
        }
        facts.add(fact(t(locale, "card.journey.zone"), j.timeZone()));
        facts.add(fact(t(locale, "card.delete.expires"),
                (german(locale) ? EXPIRES_DE : EXPIRES).format(j.expiresAt().atZone(zone))));
        return facts(t(locale, "card.journey.title", j.name()), t(locale, "card.journey.text"), facts,
                List.of(Map.of("title", t(locale, "card.confirm.confirm"), "data",
                        Map.of("action", "confirm-journey", "nonce", j.nonce())),
                        Map.of("title", t(locale, "card.confirm.cancel"), "data",
                                Map.of("action", "decline-journey", "nonce", j.nonce()))),
                locale);
    }

    /**
     * One journey as it runs: a fact per step with the numbers that step has (reached and
     * waiting; sent, opened, clicked for a mail; the yes and no ways of a branch; ended
     * here).
     */
    Card journeyProgress(AgentOutput.JourneyProgress p, Locale locale) {
        JourneyStats s = p.stats();
        List<JourneyStep> steps = p.journey().steps();
        List<Map<String, Object>> facts = new ArrayList<>();
        for (StepStats step : s.steps()) {
            JourneyStep kind = step.position() < steps.size() ? steps.get(step.position()) : null;
            List<String> numbers = new ArrayList<>();
            numbers.add(t(locale, "card.journeyStats.reached", step.entered()));
            if (kind instanceof JourneyStep.Wait || kind instanceof JourneyStep.WaitUntil) {
                numbers.add(t(locale, "card.journeyStats.waiting", step.waiting()));
            }
            if (kind instanceof JourneyStep.Send) {
                numbers.add(t(locale, "card.journeyStats.sent", step.sent(), step.opened(), step.clicked()));
            }
            if (kind instanceof JourneyStep.Branch) {
                numbers.add(t(locale, "card.journeyStats.branch", step.yes(), step.no()));
            }
            if (step.finished() > 0) {
                numbers.add(t(locale, "card.journeyStats.ended", step.finished()));
            }
            // the step in the reader's language; core's English words only for a step the
            // journey no longer lists
            String words = kind == null ? step.step() : messages.phrase(locale, kind.phrase());
            facts.add(
                    fact(t(locale, "card.journeyStats.step", step.position() + 1, words), String.join(" · ", numbers)));
        }
        String text = t(locale, "card.journeyStats.text", s.enrolled(), s.inFlight(), s.finished(),
                s.enrolled() == 0 ? t(locale, "card.journeyStats.none") : "")
            .strip();
        return facts(
                t(locale, "card.journeyStats.title", p.journey().name(), messages.status(locale, p.journey().status())),
                text, facts, List.of(), locale);
    }

    private Card facts(String title, String text, List<Map<String, Object>> facts, List<Map<String, Object>> actions,
            Locale locale) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("title", title);
        data.put("text", text);
        data.put("facts", facts);
        data.put("image", null);
        data.put("actions", actions);
        return templates.render("facts", data, locale);
    }

    private String t(Locale locale, String key, Object... args) {
        return messages.text(locale, key, args);
    }

    private static boolean german(Locale locale) {
        return locale != null && locale.getLanguage().equals("de");
    }

    private static DateTimeFormatter day(Locale locale) {
        return german(locale) ? DAY_DE : DAY;
    }

    private static Map<String, Object> fact(String title, Object value) {
        return Map.of("title", title, "value", String.valueOf(value));
    }

}
