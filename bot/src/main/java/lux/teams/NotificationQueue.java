package lux.teams;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Proactive Teams messages, run in order on one background thread from a bounded queue,
 * so a slow or unreachable Teams cannot make LUX hold unbounded work in memory. When the
 * queue is full: the oldest waiting progress update is dropped to make room (a newer one
 * supersedes it); with no progress update waiting, a new progress update is dropped and a
 * new message (finished, failed, paused, approval) is refused and logged. Both are
 * counted.
 */
final class NotificationQueue {

    private static final Logger log = LoggerFactory.getLogger(NotificationQueue.class);

    private final Deque<Task> tasks = new ArrayDeque<>();

    private final int capacity;

    private final AtomicLong droppedUpdates = new AtomicLong();

    private final AtomicLong refused = new AtomicLong();

    private final Thread worker;

    private volatile boolean running = true;

    private record Task(Runnable work, boolean progress) {
    }

    NotificationQueue(int capacity, String threadName) {
        this.capacity = capacity;
        this.worker = new Thread(this::loop, threadName);
        worker.setDaemon(true);
        worker.start();
    }

    /**
     * Queues {@code work}; false when it was not taken (see the class comment for when).
     */
    boolean offer(Runnable work, boolean progressUpdate) {
        synchronized (tasks) {
            if (tasks.size() >= capacity && !dropOldestProgressUpdate()) {
                if (progressUpdate) {
                    droppedUpdates.incrementAndGet();
                }
                else {
                    log.warn("Teams notification queue full ({} waiting): a message was not sent ({} refused so far)",
                            capacity, refused.incrementAndGet());
                }
                return false;
            }
            tasks.addLast(new Task(work, progressUpdate));
            tasks.notifyAll();
            return true;
        }
    }

    private boolean dropOldestProgressUpdate() {
        for (Iterator<Task> it = tasks.iterator(); it.hasNext();) {
            if (it.next().progress()) {
                it.remove();
                droppedUpdates.incrementAndGet();
                return true;
            }
        }
        return false;
    }

    long droppedUpdates() {
        return droppedUpdates.get();
    }

    long refused() {
        return refused.get();
    }

    int waiting() {
        synchronized (tasks) {
            return tasks.size();
        }
    }

    private void loop() {
        while (running) {
            Task next;
            synchronized (tasks) {
                while (tasks.isEmpty() && running) {
                    try {
                        tasks.wait();
                    }
                    catch (InterruptedException e) {
                        return;
                    }
                }
                next = tasks.pollFirst();
            }
            if (next == null) {
                continue;
            }
            try {
                next.work().run();
            }
            catch (RuntimeException e) {
                log.warn("Could not update Teams: {}", e.toString());
            }
        }
    }

    /**
     * Lets the running message finish (up to {@code wait}); what is still waiting is not
     * sent.
     */
    void stop(long wait, TimeUnit unit) throws InterruptedException {
        running = false;
        synchronized (tasks) {
            tasks.notifyAll();
        }
        worker.join(unit.toMillis(wait));
    }

}
