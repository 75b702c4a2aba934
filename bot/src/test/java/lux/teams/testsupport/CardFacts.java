package lux.teams.testsupport;

import com.fasterxml.jackson.databind.JsonNode;

/** Reads an Adaptive Card the way a person does: by the titles of its facts. */
public final class CardFacts {

    private CardFacts() {
    }

    /** The value of the fact {@code title} on a card; fails when the card has none. */
    public static String fact(JsonNode card, String title) {
        return card.findParents("title")
            .stream()
            .filter(f -> title.equals(f.path("title").asText()))
            .map(f -> f.path("value").asText())
            .findFirst()
            .orElseThrow(() -> new AssertionError("no fact " + title + " on " + card));
    }

}
