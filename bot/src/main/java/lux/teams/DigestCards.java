package lux.teams;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import lux.agent.TeamsMessages;
import lux.digest.DigestNumbers;
import org.springframework.stereotype.Component;

/**
 * The digest card: the period's numbers against the period before, list growth, the best
 * link, journeys (when a module reports them) and one button to the console.
 */
@Component
class DigestCards {

    private final CardTemplates templates;

    private final TeamsMessages messages;

    DigestCards(CardTemplates templates, TeamsMessages messages) {
        this.templates = templates;
        this.messages = messages;
    }

    Card digest(DigestPeriod period, DigestNumbers n, String consoleUrl, Locale locale) {
        String cadence = period.cadence().name().toLowerCase(Locale.ROOT);
        DateTimeFormatter day = DateTimeFormatter.ofPattern("EEE d MMM", locale);
        DigestNumbers.Period now = n.current();
        DigestNumbers.Period before = n.previous();
        List<Map<String, Object>> facts = new ArrayList<>();
        facts
            .add(fact(t(locale, "card.digest.campaigns"), change(locale, now.campaignsSent(), before.campaignsSent())));
        facts.add(fact(t(locale, "card.digest.delivered"), change(locale, now.delivered(), before.delivered())));
        facts.add(fact(t(locale, "card.digest.opened"), change(locale, now.opened(), before.opened())));
        facts.add(fact(t(locale, "card.digest.clicked"), change(locale, now.clicked(), before.clicked())));
        facts.add(fact(t(locale, "card.digest.growth"), t(locale, "card.digest.growthValue", signed(now.listGrowth()),
                now.newContacts(), now.unsubscribes(), now.bounces())));
        List<Map<String, Object>> journeys = n.journeys()
            .stream()
            .map(j -> fact(j.name(), t(locale, "card.digest.journeyValue", j.entered(), j.completed())))
            .toList();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("title", t(locale, "card.digest.title." + cadence));
        data.put("period",
                t(locale, "card.digest.period", day.format(period.from()), day.format(period.to().minusDays(1)),
                        period.from().getZone().getId(), t(locale, "card.digest.previous." + cadence)));
        data.put("facts", facts);
        data.put("bestLink", n.bestLink() == null ? null
                : t(locale, "card.digest.bestLinkValue", n.bestLink().url(), n.bestLink().clicks()));
        data.put("journeys", journeys);
        data.put("console", consoleUrl);
        return templates.render("digest", data, locale);
    }

    /** "120 (before: 100, +20%)"; a change from nothing is shown as the difference. */
    private String change(Locale locale, long now, long before) {
        String delta = before == 0 ? signed(now - before)
                : (now >= before ? "+" : "") + Math.round((now - before) * 100.0 / before) + "%";
        return t(locale, "card.digest.change", now, before, delta);
    }

    private static String signed(long n) {
        return n > 0 ? "+" + n : String.valueOf(n);
    }

    private String t(Locale locale, String key, Object... args) {
        return messages.text(locale, key, args);
    }

    private static Map<String, Object> fact(String title, Object value) {
        return Map.of("title", title, "value", String.valueOf(value));
    }

}
