package dev.cloudjar.core.delivery;

import dev.cloudjar.core.error.AwsException;
import dev.cloudjar.core.spi.Attempt;
import dev.cloudjar.core.spi.Delivery;
import dev.cloudjar.core.spi.DeliveryTarget;
import dev.cloudjar.core.spi.GivenUp;
import dev.cloudjar.core.spi.RetryPolicy;
import dev.cloudjar.core.state.MemoryStateStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeliveryQueueTest {
    private static final String QUEUE = "arn:aws:sqs:us-east-1:000000000000:target";
    private static final String DLQ = "arn:aws:lambda:us-east-1:000000000000:function:dead-letters";
    private static final String SOURCE = "arn:aws:s3:::bucket";
    private static final RetryPolicy QUICK = new RetryPolicy(3, Duration.ofHours(1), Duration.ofMillis(5),
            Duration.ofMillis(20), Duration.ofMillis(5), Duration.ofMillis(20));

    private final MemoryStateStore state = new MemoryStateStore();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final DeliveryQueue queue = new DeliveryQueue(state, Runnable::run, scheduler, Clock.systemUTC());

    /** Records what reaches it; fails its first {@code failures} attempts with the given error. */
    private static final class Recording implements DeliveryTarget {
        final List<String> bodies = new CopyOnWriteArrayList<>();
        final List<Map<String, Map<String, String>>> attributes = new CopyOnWriteArrayList<>();
        final List<Attempt> attempts = new CopyOnWriteArrayList<>();
        final List<String> givenUp = new CopyOnWriteArrayList<>();
        final AtomicInteger failures;
        final RuntimeException error;
        final CountDownLatch done = new CountDownLatch(1);

        Recording(int failures, RuntimeException error) {
            this.failures = new AtomicInteger(failures);
            this.error = error;
        }

        @Override
        public void deliver(Delivery delivery, Attempt attempt) {
            attempts.add(attempt);
            if (failures.getAndDecrement() > 0) {
                throw error;
            }
            bodies.add(delivery.body());
            attributes.add(delivery.messageAttributes());
            done.countDown();
        }

        @Override
        public void givenUp(Delivery delivery, Attempt attempt, String reason, RuntimeException lastFailure) {
            givenUp.add(reason);
            done.countDown();
        }
    }

    /** Registers the annotator "producer", which records what it is told and adds nothing. */
    private List<GivenUp> annotatorSeeing() {
        List<GivenUp> seen = new CopyOnWriteArrayList<>();
        queue.registerAnnotator("producer", (delivery, givenUp) -> {
            seen.add(givenUp);
            return Map.of();
        });
        return seen;
    }

    private static Delivery to(String target, String deadLetter) {
        return new Delivery(null, target, "payload", Map.of(), null, null, SOURCE, "000000000000", QUICK, deadLetter);
    }

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    @Test
    void aDeliveryReachesTheReceiverOfItsTargetsServiceAndIsThenRemoved() {
        Recording sqs = new Recording(0, null);
        queue.register("sqs", sqs);

        queue.submit(to(QUEUE, null));

        assertEquals(List.of("payload"), sqs.bodies);
        assertEquals(0, queue.pending());
    }

    @Test
    void aFailedAttemptIsRetriedByThePolicyWithTheSameDeliveryId() throws InterruptedException {
        Recording sqs = new Recording(2, new IllegalStateException("target down"));
        queue.register("sqs", sqs);

        queue.submit(to(QUEUE, null));

        assertTrue(sqs.done.await(5, TimeUnit.SECONDS));
        assertEquals(List.of("payload"), sqs.bodies);
        assertEquals(List.of(1, 2, 3), sqs.attempts.stream().map(Attempt::number).toList());
        assertEquals(1, sqs.attempts.stream().map(Attempt::deliveryId).distinct().count());
        assertTrue(waitFor(() -> queue.pending() == 0));
    }

    @Test
    void afterTheLastFailedAttemptThePayloadGoesToTheDeadLetterTargetAndTheReceiverIsTold() throws InterruptedException {
        Recording target = new Recording(Integer.MAX_VALUE, new IllegalStateException("always down"));
        queue.register("sqs", target);
        Recording dead = new Recording(0, null);
        queue.register("lambda", dead);

        queue.submit(new Delivery(null, QUEUE, "payload", Map.of(), null, null, SOURCE, "000000000000", QUICK, DLQ));

        assertTrue(target.done.await(5, TimeUnit.SECONDS));
        assertEquals(3, target.attempts.size(), "maximumAttempts");
        assertEquals(1, target.givenUp.size());
        assertTrue(target.givenUp.get(0).contains("always down"), target.givenUp.get(0));
        assertTrue(dead.done.await(5, TimeUnit.SECONDS));
        assertEquals(List.of("payload"), dead.bodies);
        assertTrue(waitFor(() -> queue.pending() == 0));
    }

    @Test
    void theProducersAnnotatorNamesWhyInTheDeadLetterAfterTheAttemptsRanOut() throws InterruptedException {
        queue.register("sqs", new Recording(Integer.MAX_VALUE, new AwsException("ServiceUnavailable", 503, "down")));
        Recording dead = new Recording(0, null);
        queue.register("lambda", dead);
        List<GivenUp> seen = new CopyOnWriteArrayList<>();
        queue.registerAnnotator("producer", (delivery, givenUp) -> {
            seen.add(givenUp);
            return Map.of("WHY", Map.of("DataType", "String", "StringValue", givenUp.cause() + " " + givenUp.errorCode()));
        });

        queue.submit(new Delivery(null, QUEUE, "payload", Map.of("Own", Map.of("DataType", "String", "StringValue", "kept")),
                null, null, SOURCE, "000000000000", QUICK, DLQ, "producer"));

        assertTrue(dead.done.await(5, TimeUnit.SECONDS));
        assertEquals(List.of(new GivenUp(GivenUp.Cause.ATTEMPTS_EXHAUSTED, 3, "ServiceUnavailable", "down", 503)), seen);
        assertEquals("ATTEMPTS_EXHAUSTED ServiceUnavailable", dead.attributes.get(0).get("WHY").get("StringValue"));
        assertEquals("kept", dead.attributes.get(0).get("Own").get("StringValue"), "the delivery's own attributes stay");
    }

    @Test
    void anEventThatGrewTooOldIsAnnotatedWithTheLastAttemptsError() throws InterruptedException {
        queue.register("sqs", new Recording(Integer.MAX_VALUE, new AwsException("ServiceUnavailable", 503, "down")));
        Recording dead = new Recording(0, null);
        queue.register("lambda", dead);
        List<GivenUp> seen = annotatorSeeing();
        RetryPolicy young = new RetryPolicy(10, Duration.ofMillis(30), Duration.ofMillis(60), Duration.ofMillis(60),
                Duration.ofMillis(5), Duration.ofMillis(5));

        queue.submit(new Delivery(null, QUEUE, "payload", Map.of(), null, null, SOURCE, "000000000000", young, DLQ,
                "producer"));

        assertTrue(dead.done.await(5, TimeUnit.SECONDS));
        assertEquals(List.of(new GivenUp(GivenUp.Cause.EVENT_AGE_EXCEEDED, 1, "ServiceUnavailable", "down", 503)), seen);
    }

    @Test
    void aRefusedDeliveryIsAnnotatedAsRefusedAfterItsOneAttempt() throws InterruptedException {
        queue.register("sqs", new Recording(1, new AwsException("QueueDoesNotExist", 400, "gone")));
        Recording dead = new Recording(0, null);
        queue.register("lambda", dead);
        List<GivenUp> seen = annotatorSeeing();

        queue.submit(new Delivery(null, QUEUE, "payload", Map.of(), null, null, SOURCE, "000000000000", QUICK, DLQ,
                "producer"));

        assertTrue(dead.done.await(5, TimeUnit.SECONDS));
        assertEquals(List.of(new GivenUp(GivenUp.Cause.REFUSED, 1, "QueueDoesNotExist", "gone", 400)), seen);
    }

    @Test
    void aClientErrorGivesUpAtOnceAndAThrottleDoesNotCountAsAFailure() throws InterruptedException {
        Recording rejecting = new Recording(1, new AwsException("QueueDoesNotExist", 400, "gone"));
        queue.register("sqs", rejecting);
        queue.submit(to(QUEUE, null));
        assertEquals(1, rejecting.attempts.size());
        assertEquals(1, rejecting.givenUp.size());
        assertEquals(0, queue.pending());

        Recording throttling = new Recording(5, new AwsException("TooManyRequestsException", 429, "slow down"));
        queue.register("lambda", throttling);
        queue.submit(to("arn:aws:lambda:us-east-1:000000000000:function:f", null));
        assertTrue(throttling.done.await(5, TimeUnit.SECONDS));
        assertTrue(waitFor(() -> queue.pending() == 0));
        assertEquals(List.of("payload"), throttling.bodies, "delivered after 5 throttles though only 3 attempts are allowed");
        assertEquals(List.of(1, 1, 1, 1, 1, 1), throttling.attempts.stream().map(Attempt::number).toList());
    }

    @Test
    void aTargetNoServiceReceivesIsGivenUp() {
        queue.submit(to("arn:aws:sns:us-east-1:000000000000:topic", null));
        assertEquals(0, queue.pending());
    }

    @Test
    void storedDeliveriesAreResumedByAQueueOnTheSameState() throws InterruptedException {
        // A queue whose workers never run anything stands for a process that stopped before delivering.
        DeliveryQueue stopped = new DeliveryQueue(state, task -> { }, scheduler, Clock.systemUTC());
        stopped.submit(to(QUEUE, null));
        stopped.submit(to(QUEUE, null));
        assertEquals(2, stopped.pending());

        Recording sqs = new Recording(0, null);
        queue.register("sqs", sqs);
        queue.resume();

        assertTrue(waitFor(() -> sqs.bodies.size() == 2));
        assertTrue(waitFor(() -> queue.pending() == 0));
    }

    @Test
    void anAttemptOfADeliveryNoLongerStoredDoesNothing() {
        Recording sqs = new Recording(0, null);
        queue.register("sqs", sqs);
        queue.attempt("0190a7c2-0000-7000-8000-000000000000");
        assertTrue(sqs.attempts.isEmpty());
    }

    @Test
    void backoffDoublesUpToItsMaximum() {
        RetryPolicy policy = new RetryPolicy(5, Duration.ofHours(1), Duration.ofMinutes(1), Duration.ofMinutes(2),
                Duration.ofSeconds(1), Duration.ofMinutes(5));
        assertEquals(Duration.ofMinutes(1), policy.backoff(1));
        assertEquals(Duration.ofMinutes(2), policy.backoff(2));
        assertEquals(Duration.ofMinutes(2), policy.backoff(3));
        assertEquals(Duration.ofSeconds(8), policy.throttleBackoff(4));
        assertEquals(Duration.ofMinutes(5), policy.throttleBackoff(40));
        assertNull(to(QUEUE, null).deadLetterArn());
    }

    private static boolean waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }
}
