package lux.teams;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The proactive message queue holds at most its capacity; progress updates give way
 * first, then new messages are refused.
 */
class NotificationQueueTest {

    @Test
    void aFullQueueDropsTheOldestProgressUpdateThenRefusesAndKeepsOrder() throws Exception {
        NotificationQueue queue = new NotificationQueue(3, "test-notify");
        List<String> ran = new CopyOnWriteArrayList<>();
        CountDownLatch teamsIsSlow = new CountDownLatch(1);
        CountDownLatch busy = new CountDownLatch(1);
        // the one sender thread is stuck on a slow Teams call
        queue.offer(() -> {
            busy.countDown();
            await(teamsIsSlow);
            ran.add("slow");
        }, false);
        assertThat(busy.await(5, TimeUnit.SECONDS)).isTrue();

        assertThat(queue.offer(() -> ran.add("progress 1"), true)).isTrue();
        assertThat(queue.offer(() -> ran.add("finished A"), false)).isTrue();
        assertThat(queue.offer(() -> ran.add("progress 2"), true)).isTrue();
        assertThat(queue.waiting()).isEqualTo(3);
        // full: the oldest progress update makes room, twice
        assertThat(queue.offer(() -> ran.add("paused B"), false)).isTrue();
        assertThat(queue.offer(() -> ran.add("progress 3"), true)).isTrue();
        assertThat(queue.offer(() -> ran.add("failed C"), false)).isTrue();
        assertThat(queue.waiting()).isEqualTo(3);
        // only messages left: a new progress update is dropped, a new message refused
        // (and both counted)
        assertThat(queue.offer(() -> ran.add("progress 4"), true)).isFalse();
        assertThat(queue.offer(() -> ran.add("finished D"), false)).isFalse();
        assertThat(queue.waiting()).isEqualTo(3);
        assertThat(queue.droppedUpdates()).isEqualTo(4);
        assertThat(queue.refused()).isEqualTo(1);

        teamsIsSlow.countDown();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (ran.size() < 4 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(ran).containsExactly("slow", "finished A", "paused B", "failed C");
        // room again: taken as before
        assertThat(queue.offer(() -> ran.add("later"), false)).isTrue();
        queue.stop(5, TimeUnit.SECONDS);
        assertThat(ran).endsWith("later");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}
