package lux.teams;

import com.microsoft.bot.builder.TurnContext;
import com.microsoft.bot.restclient.RestException;
import com.microsoft.bot.schema.Activity;
import com.microsoft.bot.schema.ResourceResponse;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Sends and updates activities, retrying what Teams asks to be retried (429, 412, 502, 504) with backoff and jitter. */
@Component
class TeamsSender {
    private static final Logger log = LoggerFactory.getLogger(TeamsSender.class);
    static final Set<Integer> RETRIED = Set.of(429, 412, 502, 504);
    private final TeamsProperties properties;

    TeamsSender(TeamsProperties properties) {
        this.properties = properties;
    }

    ResourceResponse send(TurnContext turn, Activity activity) {
        return withRetry(() -> turn.sendActivity(activity));
    }

    ResourceResponse update(TurnContext turn, Activity activity) {
        return withRetry(() -> turn.updateActivity(activity));
    }

    <T> T withRetry(Supplier<CompletableFuture<T>> call) {
        int attempts = Math.max(1, properties.sendAttempts());
        for (int attempt = 1; ; attempt++) {
            try {
                return call.get().join();
            } catch (CompletionException | RestException e) {
                int status = status(e);
                if (!RETRIED.contains(status) || attempt >= attempts) {
                    throw e;
                }
                long base = properties.retryBase().toMillis() << (attempt - 1);
                long delay = base + ThreadLocalRandom.current().nextLong(Math.max(1, base / 2 + 1));
                log.info("Teams answered {}; retry {} of {} in {} ms", status, attempt, attempts - 1, delay);
                try {
                    Thread.sleep(delay);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    static int status(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof RestException rest && rest.response() != null) {
                return rest.response().code();
            }
        }
        return -1;
    }
}
