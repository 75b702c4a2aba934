package lux.endtoend;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The activities Teams posts to /api/messages: a user's message and a card's
 * Action.Submit, in a personal chat.
 */
final class TeamsActivities {

    static final String TENANT = "72f988bf-0000-4000-8000-0000000000aa";
    static final String AAD = "00000000-0000-0000-0000-0000000000ad";

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final AtomicInteger IDS = new AtomicInteger();

    private TeamsActivities() {
    }

    static String message(String serviceUrl, String conversationId, String text) {
        return activity(serviceUrl, conversationId).put("text", text).toString();
    }

    static String submit(String serviceUrl, String conversationId, String replyToId, ObjectNode value) {
        ObjectNode a = activity(serviceUrl, conversationId).put("replyToId", replyToId);
        a.set("value", value);
        return a.toString();
    }

    static ObjectNode value() {
        return JSON.createObjectNode();
    }

    private static ObjectNode activity(String serviceUrl, String conversationId) {
        ObjectNode a = JSON.createObjectNode();
        a.put("type", "message");
        a.put("id", "incoming-" + IDS.incrementAndGet());
        a.put("channelId", "msteams");
        a.put("serviceUrl", serviceUrl);
        a.put("localTimezone", "Europe/Berlin");
        ObjectNode from = a.putObject("from");
        from.put("id", "29:user-" + AAD);
        from.put("name", "Ada Marketer");
        from.put("aadObjectId", AAD);
        ObjectNode recipient = a.putObject("recipient");
        recipient.put("id", "28:lux-bot");
        recipient.put("name", "LUX");
        ObjectNode conversation = a.putObject("conversation");
        conversation.put("id", conversationId);
        conversation.put("conversationType", "personal");
        conversation.put("tenantId", TENANT);
        a.putObject("channelData").putObject("tenant").put("id", TENANT);
        return a;
    }

}
