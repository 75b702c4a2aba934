package lux.teams;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.atomic.AtomicInteger;

/** Builds the activities Teams would post to /api/messages. */
final class Activities {

    /**
     * The tenant test activities come from (Teams mode tests set it as
     * MicrosoftAppTenantId).
     */
    static final String TENANT = "72f988bf-0000-4000-8000-0000000000aa";

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final AtomicInteger IDS = new AtomicInteger();

    private Activities() {
    }

    static ObjectNode message(String serviceUrl, String conversationId, String aadObjectId, String text) {
        ObjectNode a = JSON.createObjectNode();
        a.put("type", "message");
        a.put("id", "incoming-" + IDS.incrementAndGet());
        a.put("channelId", "msteams");
        a.put("serviceUrl", serviceUrl);
        a.put("timestamp", "2026-11-26T09:00:00.000Z");
        a.put("localTimezone", "Europe/Berlin");
        ObjectNode from = a.putObject("from");
        from.put("id", "29:user-" + aadObjectId);
        from.put("name", "Ana Marketer");
        from.put("aadObjectId", aadObjectId);
        ObjectNode recipient = a.putObject("recipient");
        recipient.put("id", "28:lux-bot");
        recipient.put("name", "LUX");
        ObjectNode conversation = a.putObject("conversation");
        conversation.put("id", conversationId);
        conversation.put("conversationType", "personal");
        conversation.put("tenantId", TENANT);
        a.putObject("channelData").putObject("tenant").put("id", TENANT);
        if (text != null) {
            a.put("text", text);
        }
        return a;
    }

    static ObjectNode submit(String serviceUrl, String conversationId, String aadObjectId, String replyToId,
            ObjectNode value) {
        ObjectNode a = message(serviceUrl, conversationId, aadObjectId, null);
        a.put("replyToId", replyToId);
        a.set("value", value);
        return a;
    }

    static ObjectNode value() {
        return JSON.createObjectNode();
    }

}
