package lux.teams;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The threads bot turns run on. A turn can wait seconds on the model or the Bot
 * Connector; on a web server thread that wait would take a thread from every other route
 * (the open pixel and click redirect above all), so the server needs only a few threads
 * and a busy bot cannot starve tracking. Bounded: a full queue is refused
 * ({@link RejectedExecutionException}), which the controller answers with 503 and
 * Retry-After.
 */
@Component
class BotTurns implements DisposableBean {

    private final ThreadPoolExecutor executor;

    BotTurns(TeamsProperties properties) {
        BlockingQueue<Runnable> queue = properties.turnQueue() == 0 ? new SynchronousQueue<>()
                : new LinkedBlockingQueue<>(properties.turnQueue());
        AtomicInteger n = new AtomicInteger();
        executor = new ThreadPoolExecutor(properties.turnThreads(), properties.turnThreads(), 60, TimeUnit.SECONDS,
                queue, r -> {
                    Thread t = new Thread(r, "lux-bot-turn-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.AbortPolicy());
        executor.allowCoreThreadTimeOut(true); // an idle bot keeps no threads
    }

    /**
     * Runs a turn on a bot thread; throws {@link RejectedExecutionException} when every
     * thread and queue slot is taken.
     */
    void run(Runnable turn) {
        executor.execute(turn);
    }

    /** Turns running or waiting, for diagnostics and tests. */
    int inFlight() {
        return executor.getActiveCount() + executor.getQueue().size();
    }

    @Override
    public void destroy() throws InterruptedException {
        // the web server has stopped taking requests (graceful shutdown); let the turns
        // it accepted finish
        executor.shutdown();
        executor.awaitTermination(20, TimeUnit.SECONDS);
    }

}
