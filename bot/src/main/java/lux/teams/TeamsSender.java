package lux.teams;

import com.microsoft.bot.builder.TurnContext;
import com.microsoft.bot.restclient.RestException;
import com.microsoft.bot.schema.Activity;
import com.microsoft.bot.schema.ResourceResponse;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Sends and updates activities, retrying what Teams asks to be retried (429, 412, 502,
 * 504) with backoff and jitter, all within one deadline per turn
 * ({@code lux.teams.connector-deadline}): retries stop before it would pass, and a call
 * still unanswered at the deadline is abandoned, never sent again (its outcome is
 * unknown: at most once).
 */
@Component
class TeamsSender implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(TeamsSender.class);
    static final Set<Integer> RETRIED = Set.of(429, 412, 502, 504);

    /**
     * Turn state key: when this turn's connector calls must be over
     * ({@link System#nanoTime()}).
     */
    static final String DEADLINE = "lux.teams.connectorDeadline";

    private final TeamsProperties properties;

    /**
     * Calls run here so that the turn thread can stop waiting even if the SDK blocks
     * inside the call itself.
     */
    private final ExecutorService calls;

    TeamsSender(TeamsProperties properties) {
        this.properties = properties;
        AtomicInteger n = new AtomicInteger();
        this.calls = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "lux-connector-call-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    ResourceResponse send(TurnContext turn, Activity activity) {
        return withRetry(turn, () -> turn.sendActivity(activity));
    }

    ResourceResponse update(TurnContext turn, Activity activity) {
        return withRetry(turn, () -> turn.updateActivity(activity));
    }

    /**
     * Makes {@code inner} (a turn opened during {@code outer}, e.g. in a personal chat)
     * share outer's deadline.
     */
    void shareDeadline(TurnContext outer, TurnContext inner) {
        inner.getTurnState().replace(DEADLINE, deadline(outer));
    }

    <T> T withRetry(TurnContext turn, Supplier<CompletableFuture<T>> call) {
        long deadline = deadline(turn);
        int attempts = Math.max(1, properties.sendAttempts());
        for (int attempt = 1;; attempt++) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                throw passed(turn, "no time is left for another Bot Connector call; nothing more is sent in this turn",
                        null);
            }
            try {
                // the SDK blocks in some calls (sendActivity joins its HTTP call) and not
                // in others: either way the
                // turn thread waits no longer than the deadline; a blocked call thread
                // ends with okhttp's timeouts
                return CompletableFuture.supplyAsync(call, calls)
                    .thenCompose(f -> f)
                    .orTimeout(remaining, TimeUnit.NANOSECONDS)
                    .join();
            }
            catch (CompletionException | RestException e) {
                if (e.getCause() instanceof TimeoutException) {
                    throw passed(turn, "a Bot Connector call did not answer in time and was abandoned; its outcome is "
                            + "unknown, so it is not sent again", null);
                }
                int status = status(e);
                if (!RETRIED.contains(status) || attempt >= attempts) {
                    throw e;
                }
                long base = properties.retryBase().toMillis() << (attempt - 1);
                long delay = base + ThreadLocalRandom.current().nextLong(Math.max(1, base / 2 + 1));
                if (System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delay) >= deadline) {
                    throw passed(turn, "Teams answered " + status + " " + attempt
                            + " time(s) and the next retry would come " + "after the deadline, so LUX stops retrying",
                            e);
                }
                log.info("Teams answered {}; retry {} of {} in {} ms", status, attempt, attempts - 1, delay);
                try {
                    Thread.sleep(delay);
                }
                catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /**
     * This turn's deadline: set by its first connector call (model time is bounded by
     * lux.ai.turn-deadline).
     */
    private long deadline(TurnContext turn) {
        // elapsed time, not wall time: a test's fixed or moved Clock must not stretch or
        // cut the deadline
        Long deadline = turn.getTurnState().get(DEADLINE);
        if (deadline == null) {
            deadline = System.nanoTime() + properties.connectorDeadline().toNanos();
            turn.getTurnState().replace(DEADLINE, deadline);
        }
        return deadline;
    }

    private ConnectorDeadlinePassed passed(TurnContext turn, String what, Throwable cause) {
        Duration limit = properties.connectorDeadline();
        String conversation = turn.getActivity() == null || turn.getActivity().getConversation() == null ? "?"
                : turn.getActivity().getConversation().getId();
        String message = "Bot Connector deadline (lux.teams.connector-deadline=" + limit + ") passed in conversation "
                + conversation + ": " + what + ".";
        log.warn(message); // ids and durations only: no activity text, no tokens
        return new ConnectorDeadlinePassed(message, cause);
    }

    static int status(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof RestException rest && rest.response() != null) {
                return rest.response().code();
            }
        }
        return -1;
    }

    @Override
    public void destroy() {
        calls.shutdown(); // calls still under way finish or time out on their own;
                          // nothing waits for them
    }

}
