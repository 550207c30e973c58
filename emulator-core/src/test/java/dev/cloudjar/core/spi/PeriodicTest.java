package dev.cloudjar.core.spi;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PeriodicTest {
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "timer"));
    private final ExecutorService workers = Executors.newFixedThreadPool(4, r -> new Thread(r, "worker"));

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
        workers.shutdownNow();
    }

    @Test
    void theWorkRunsOnTheWorkersNotOnTheTimerThread() throws InterruptedException {
        List<String> threads = new CopyOnWriteArrayList<>();
        CountDownLatch twice = new CountDownLatch(2);
        ScheduledFuture<?> f = Periodic.schedule(scheduler, workers, "test", 0, 5, TimeUnit.MILLISECONDS, () -> {
            threads.add(Thread.currentThread().getName());
            twice.countDown();
        });
        assertTrue(twice.await(5, TimeUnit.SECONDS));
        f.cancel(false);
        assertTrue(threads.stream().allMatch("worker"::equals), threads.toString());
    }

    @Test
    void aRunStillInProgressMakesTheNextTickSkipAndAFailureDoesNotStopTheSchedule() throws InterruptedException {
        AtomicInteger concurrent = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch enough = new CountDownLatch(4);
        ScheduledFuture<?> f = Periodic.schedule(scheduler, workers, "test", 0, 1, TimeUnit.MILLISECONDS, () -> {
            int now = concurrent.incrementAndGet();
            mostAtOnce.accumulateAndGet(now, Math::max);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            concurrent.decrementAndGet();
            enough.countDown();
            if (runs.incrementAndGet() % 2 == 1) {
                throw new IllegalStateException("every other run fails");
            }
        });
        assertTrue(enough.await(5, TimeUnit.SECONDS));
        f.cancel(false);
        assertEquals(1, mostAtOnce.get(), "never two runs at once");
    }
}
