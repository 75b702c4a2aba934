package lux.teams;

import com.fasterxml.jackson.databind.JsonNode;

/** A rendered Adaptive Card (schema 1.5) and which template it came from. */
record Card(String template, JsonNode json) {
    static final String CONTENT_TYPE = "application/vnd.microsoft.card.adaptive";

}
