package lux.teams;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.bot.builder.InvokeResponse;
import com.microsoft.bot.integration.BotFrameworkHttpAdapter;
import com.microsoft.bot.schema.Activity;
import com.microsoft.bot.schema.Serialization;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;

/**
 * {@code POST /api/messages}: the Bot Framework endpoint. A body over
 * {@code lux.teams.max-body} is answered 413 ({@link lux.shared.web.BodyLimit}) and one
 * that is not an Activity 400, before the adapter sees it; an authenticated activity that
 * {@link ActivityGate} refuses (channel, tenant, serviceUrl) 403, before the bot sees it;
 * any other failure before the bot runs is authentication (the adapter validates the JWT
 * first) and is answered 401, never 500. In local mode only TCP peers on this machine are
 * answered ({@link LocalModeServer}). The turn itself runs on {@link BotTurns}, not on
 * the web server's thread: the request is answered asynchronously when the turn ends (503
 * with Retry-After when the bot is saturated or the turn outlasts
 * {@code lux.teams.turn-timeout}).
 */
@RestController
class BotController {

    private static final Logger log = LoggerFactory.getLogger(BotController.class);

    private final BotFrameworkHttpAdapter adapter;

    private final LuxBot bot;

    private final BotTurns turns;

    private final TeamsProperties properties;

    private final ActivityGate gate;

    private final BotSettings settings;

    BotController(BotFrameworkHttpAdapter adapter, LuxBot bot, BotSettings settings, BotTurns turns,
            TeamsProperties properties, ActivityGate gate) {
        this.adapter = adapter;
        this.bot = bot;
        this.turns = turns;
        this.properties = properties;
        this.gate = gate;
        this.settings = settings;
    }

    @PostMapping(value = "/api/messages", produces = MediaType.APPLICATION_JSON_VALUE)
    DeferredResult<ResponseEntity<Object>> messages(HttpServletRequest request,
            @RequestHeader(value = "Authorization", required = false) String authorization) {
        DeferredResult<ResponseEntity<Object>> result = new DeferredResult<>(properties.turnTimeout().toMillis(),
                () -> busy("LUX did not finish this turn in time; its replies still follow."));
        if (settings.localMode() && !LocalModeServer.fromLoopback(request)) {
            log.warn("Local mode: refused /api/messages from {}", request.getAttribute(LocalModeServer.PEER));
            result.setResult(error(HttpStatus.FORBIDDEN, "LUX runs in local mode (no MicrosoftAppId) and only answers "
                    + "requests from this machine. Set MicrosoftAppId to connect Microsoft Teams."));
            return result;
        }
        Incoming incoming = read(request);
        if (incoming.refusal() != null) {
            result.setResult(incoming.refusal());
            return result;
        }
        try {
            turns.run(() -> result.setResult(turn(incoming.activity(), authorization)));
        }
        catch (RejectedExecutionException e) {
            log.warn("Bot is saturated ({} turns in flight); answered 503", turns.inFlight());
            result.setResult(busy("LUX is busy with other conversations; try again in a few seconds."));
        }
        return result;
    }

    /**
     * A request body read: the Activity, or the answer for a request that must not reach
     * the adapter.
     */
    private record Incoming(Activity activity, ResponseEntity<Object> refusal) {
        static Incoming refused(HttpStatus status, String message) {
            return new Incoming(null, error(status, message));
        }
    }

    private Incoming read(HttpServletRequest request) {
        try {
            return read(request.getInputStream().readAllBytes());
        }
        catch (lux.shared.web.BodyLimit.TooLarge e) {
            return Incoming.refused(HttpStatus.PAYLOAD_TOO_LARGE, e.getMessage());
        }
        catch (IOException e) {
            return Incoming.refused(HttpStatus.BAD_REQUEST,
                    "The request body could not be read: " + firstLine(e.getMessage()));
        }
    }

    private Incoming read(byte[] body) {
        if (body == null || body.length == 0) {
            return Incoming.refused(HttpStatus.BAD_REQUEST,
                    "The request body is empty; expected a Bot Framework Activity as JSON.");
        }
        Activity activity;
        try {
            JsonNode tree = Serialization.jsonToTree(new String(body, StandardCharsets.UTF_8));
            if (tree == null || !tree.isObject()) {
                return Incoming.refused(HttpStatus.BAD_REQUEST,
                        "The body is not a JSON object; expected a Bot Framework Activity.");
            }
            activity = Serialization.treeToValue(tree, Activity.class);
        }
        catch (Exception e) {
            return Incoming.refused(HttpStatus.BAD_REQUEST,
                    "The body is not a valid Activity: " + firstLine(e.getMessage()));
        }
        if (activity == null || activity.getType() == null || activity.getType().isBlank()) {
            return Incoming.refused(HttpStatus.BAD_REQUEST, "The Activity has no type.");
        }
        return new Incoming(activity, null);
    }

    /**
     * Runs on a bot thread: authentication, then the gate (channel, tenant, serviceUrl),
     * then the bot.
     */
    private ResponseEntity<Object> turn(Activity activity, String authorization) {
        AtomicBoolean botStarted = new AtomicBoolean();
        AtomicReference<String> refused = new AtomicReference<>();
        try {
            InvokeResponse response = adapter.processIncomingActivity(authorization, activity, turn -> {
                botStarted.set(true);
                Optional<String> refusal = gate.refusal(turn.getActivity());
                if (refusal.isPresent()) {
                    refused.set(refusal.get());
                    return CompletableFuture.completedFuture(null);
                }
                return bot.onTurn(turn);
            }).join();
            if (refused.get() != null) {
                return error(HttpStatus.FORBIDDEN, refused.get());
            }
            if (response == null) {
                return ResponseEntity.ok().build();
            }
            return ResponseEntity.status(response.getStatus()).body(response.getBody());
        }
        catch (RuntimeException e) {
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            if (!botStarted.get()) {
                log.info("Refused a request to /api/messages: {}", firstLine(cause.toString()));
                return error(HttpStatus.UNAUTHORIZED,
                        "Unauthorized: the request's token is missing or not valid for this bot.");
            }
            if (ConnectorDeadlinePassed.in(cause)) {
                // logged by TeamsSender; the turn's work is done, only its replies fell
                // short: a 5xx could make the
                // channel deliver the activity again and LUX act on it twice
                return ResponseEntity.ok().build();
            }
            log.error("Bot turn failed", cause);
            return error(HttpStatus.INTERNAL_SERVER_ERROR, "LUX could not handle this activity.");
        }
    }

    private static ResponseEntity<Object> busy(String message) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
            .header("Retry-After", "5")
            .contentType(MediaType.APPLICATION_JSON)
            .body(Map.of("error", message));
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
