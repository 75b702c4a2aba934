package lux.teams;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import lux.abtests.AbStatistics;
import lux.abtests.AbTestStatus;
import lux.abtests.AbTestView;
import lux.agent.TeamsMessages;
import org.springframework.stereotype.Component;

/**
 * The A/B test card, in the reader's language: one line per variant with its numbers and
 * rate, the verdict with the numbers behind it, and while a person may choose, a button
 * per variant (each asks for a Confirm card).
 */
@Component
class AbTestCards {

    private final TeamsMessages messages;

    private final FactCards factCards;

    AbTestCards(CardTemplates templates, TeamsMessages messages) {
        this.messages = messages;
        this.factCards = new FactCards(templates, messages);
    }

    Card card(AbTestView t, ZoneId zone, Locale locale) {
        List<Map<String, Object>> facts = new ArrayList<>();
        facts.add(FactCards.fact(messages.text(locale, "card.stats.status"),
                messages.text(locale, "card.abtest.status." + t.status().name())));
        for (AbStatistics.VariantResult v : t.verdict().variants()) {
            String subject = t.variants().get(v.variant()).subject();
            facts.add(FactCards.fact(messages.text(locale, "card.abtest.variant", v.label(), subject),
                    messages.text(locale, "card.abtest.numbers", String.valueOf(v.sent()), String.valueOf(v.opened()),
                            String.valueOf(v.clicked()), AbStatistics.percent(v.rate()))
                            + (v.label().equals(t.winnerLabel()) ? " ★" : "")));
        }
        facts.add(FactCards.fact(messages.text(locale, "card.abtest.verdict"), verdict(t.verdict(), locale)));
        if (t.decision() != null) {
            facts.add(FactCards.fact(messages.text(locale, "card.abtest.decision"), t.decision()));
        }
        else if (t.decideAt() != null) {
            facts.add(FactCards.fact(messages.text(locale, "card.abtest.decideAt"),
                    CardFactory.when(t.decideAt(), zone, locale)));
        }
        List<Map<String, Object>> actions = new ArrayList<>();
        if (t.status() == AbTestStatus.AWAITING_CHOICE) {
            for (AbTestView.Variant v : t.variants()) {
                actions.add(FactCards.action(messages.text(locale, "card.abtest.send", v.label()),
                        Map.of("action", "command", "text", "winner " + v.label() + " of " + t.campaignName())));
            }
        }
        return factCards.render(messages.text(locale, "card.abtest.title", t.campaignName()),
                messages.text(locale, "card.abtest.metric", t.metric().label()), facts, null, actions, locale);
    }

    /**
     * The verdict in the reader's language with the numbers behind it: the leader's and
     * runner-up's rates and the two-proportion test's p-value.
     */
    private String verdict(AbStatistics.Verdict v, Locale locale) {
        if (v.runnerUp() == null) {
            return messages.text(locale, "card.abtest.onlyOne", v.leaderLabel());
        }
        return messages.text(locale, v.tooClose() ? "card.abtest.tooClose" : "card.abtest.wins", v.leaderLabel(),
                rate(v, v.leader()), rate(v, v.runnerUp()), AbStatistics.pValueText(v.pValue()));
    }

    private static String rate(AbStatistics.Verdict v, int variant) {
        return v.variants()
            .stream()
            .filter(r -> r.variant() == variant)
            .map(r -> r.label() + " " + AbStatistics.percent(r.rate()))
            .findFirst()
            .orElseThrow();
    }

}
