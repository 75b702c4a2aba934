package lux.teams;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.bot.builder.InvokeResponse;
import com.microsoft.bot.integration.BotFrameworkHttpAdapter;
import com.microsoft.bot.schema.Activity;
import com.microsoft.bot.schema.Serialization;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/messages}: the Bot Framework endpoint. A body that is not an Activity is answered 400 before
 * the adapter sees it; any failure before the bot runs is authentication (the adapter validates the JWT first)
 * and is answered 401, never 500.
 */
@RestController
class BotController {
    private static final Logger log = LoggerFactory.getLogger(BotController.class);
    private final BotFrameworkHttpAdapter adapter;
    private final LuxBot bot;
    private final BotSettings settings;

    BotController(BotFrameworkHttpAdapter adapter, LuxBot bot, BotSettings settings) {
        this.adapter = adapter;
        this.bot = bot;
        this.settings = settings;
    }

    @PostMapping(value = "/api/messages", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Object> messages(@RequestBody(required = false) byte[] body,
                                    @RequestHeader(value = "Authorization", required = false) String authorization) {
        if (body == null || body.length == 0) {
            return error(HttpStatus.BAD_REQUEST, "The request body is empty; expected a Bot Framework Activity as JSON.");
        }
        Activity activity;
        try {
            JsonNode tree = Serialization.jsonToTree(new String(body, StandardCharsets.UTF_8));
            if (tree == null || !tree.isObject()) {
                return error(HttpStatus.BAD_REQUEST, "The body is not a JSON object; expected a Bot Framework Activity.");
            }
            activity = Serialization.treeToValue(tree, Activity.class);
        } catch (Exception e) {
            return error(HttpStatus.BAD_REQUEST, "The body is not a valid Activity: " + firstLine(e.getMessage()));
        }
        if (activity == null || activity.getType() == null || activity.getType().isBlank()) {
            return error(HttpStatus.BAD_REQUEST, "The Activity has no type.");
        }
        if (settings.localMode() && !Loopback.isLoopbackUrl(activity.getServiceUrl())) {
            log.warn("Local mode: refused an activity whose serviceUrl {} is not loopback", activity.getServiceUrl());
            return error(HttpStatus.FORBIDDEN, "LUX runs in local mode (no MicrosoftAppId) and only answers loopback serviceUrls.");
        }
        AtomicBoolean botStarted = new AtomicBoolean();
        try {
            InvokeResponse response = adapter.processIncomingActivity(authorization, activity, turn -> {
                botStarted.set(true);
                return bot.onTurn(turn);
            }).join();
            if (response == null) {
                return ResponseEntity.ok().build();
            }
            return ResponseEntity.status(response.getStatus()).body(response.getBody());
        } catch (RuntimeException e) {
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            if (!botStarted.get()) {
                log.info("Refused a request to /api/messages: {}", firstLine(cause.toString()));
                return error(HttpStatus.UNAUTHORIZED, "Unauthorized: the request's token is missing or not valid for this bot.");
            }
            log.error("Bot turn failed", cause);
            return error(HttpStatus.INTERNAL_SERVER_ERROR, "LUX could not handle this activity.");
        }
    }

    private static ResponseEntity<Object> error(HttpStatus status, String message) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(Map.of("error", message));
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        return line.length() > 200 ? line.substring(0, 200) : line;
    }
}
