package dev.cloudjar.core.delivery;

import dev.cloudjar.core.error.AwsException;
import dev.cloudjar.core.spi.Attempt;
import dev.cloudjar.core.spi.DeadLetterAnnotator;
import dev.cloudjar.core.spi.Deliveries;
import dev.cloudjar.core.spi.Delivery;
import dev.cloudjar.core.spi.DeliveryTarget;
import dev.cloudjar.core.spi.GivenUp;
import dev.cloudjar.core.spi.RecordJson;
import dev.cloudjar.core.spi.RetryPolicy;
import dev.cloudjar.core.spi.storage.Keyspace;
import dev.cloudjar.core.spi.storage.StateStore;
import dev.cloudjar.core.spi.storage.WriteBatch;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * {@link Deliveries} on the storage SPI: every delivery is a record in one keyspace from its
 * submission until it is delivered or given up, so with a data directory a restart (or a
 * {@code kill -9}) resumes it: at least once. An attempt reads the record first and acts only on
 * what it finds, so a reset, or a second attempt at one already delivered, does nothing. Timers
 * only trigger: attempts run on the worker pool, never on the scheduler thread or under a
 * producer's lock.
 */
public final class DeliveryQueue implements Deliveries {
    private static final System.Logger LOG = System.getLogger(DeliveryQueue.class.getName());
    static final String KEYSPACE = "core/deliveries";
    private static final int PAGE = 500;

    private final StateStore state;
    private final Executor workers;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final Map<String, DeliveryTarget> targets = new ConcurrentHashMap<>();
    private final Map<String, DeadLetterAnnotator> annotators = new ConcurrentHashMap<>();

    public DeliveryQueue(StateStore state, Executor workers, ScheduledExecutorService scheduler, Clock clock) {
        this.state = state;
        this.workers = workers;
        this.scheduler = scheduler;
        this.clock = clock;
    }

    /**
     * The stored form: the delivery, flattened to JSON-plain values, and its progress, with the
     * last failed or throttled attempt's error (for the dead letter of an event that then grows too old).
     */
    record Stored(String id, String receiver, String targetArn, String body,
                  Map<String, Map<String, String>> messageAttributes, String messageGroupId, String deduplicationId,
                  String sourceArn, String sourceAccount, int maximumAttempts, long maximumEventAgeMillis,
                  long initialBackoffMillis, long maximumBackoffMillis, long initialThrottleBackoffMillis,
                  long maximumThrottleBackoffMillis, String deadLetterArn, int failures, int throttles,
                  long receivedMillis, long notBeforeMillis, String deadLetterAnnotator,
                  String lastErrorCode, String lastErrorMessage, int lastErrorStatus) {

        static Stored of(String id, Delivery d, long now) {
            RetryPolicy r = d.retry();
            return new Stored(id, d.receiver(), d.targetArn(), d.body(), d.messageAttributes(), d.messageGroupId(),
                    d.deduplicationId(), d.sourceArn(), d.sourceAccount(), r.maximumAttempts(),
                    r.maximumEventAge().toMillis(), r.initialBackoff().toMillis(), r.maximumBackoff().toMillis(),
                    r.initialThrottleBackoff().toMillis(), r.maximumThrottleBackoff().toMillis(), d.deadLetterArn(),
                    0, 0, now, now, d.deadLetterAnnotator(), null, null, 0);
        }

        RetryPolicy retry() {
            return new RetryPolicy(maximumAttempts, Duration.ofMillis(maximumEventAgeMillis),
                    Duration.ofMillis(initialBackoffMillis), Duration.ofMillis(maximumBackoffMillis),
                    Duration.ofMillis(initialThrottleBackoffMillis), Duration.ofMillis(maximumThrottleBackoffMillis));
        }

        Delivery delivery() {
            return new Delivery(receiver, targetArn, body, messageAttributes, messageGroupId, deduplicationId,
                    sourceArn, sourceAccount, retry(), deadLetterArn, deadLetterAnnotator);
        }

        Attempt attempt() {
            return new Attempt(id, failures + 1, Instant.ofEpochMilli(receivedMillis));
        }

        Stored next(int failures, int throttles, long notBefore, RuntimeException error) {
            return new Stored(id, receiver, targetArn, body, messageAttributes, messageGroupId, deduplicationId,
                    sourceArn, sourceAccount, maximumAttempts, maximumEventAgeMillis, initialBackoffMillis,
                    maximumBackoffMillis, initialThrottleBackoffMillis, maximumThrottleBackoffMillis, deadLetterArn,
                    failures, throttles, receivedMillis, notBefore, deadLetterAnnotator, code(error), error.getMessage(),
                    status(error));
        }
    }

    @Override
    public void register(String receiver, DeliveryTarget target) {
        if (targets.putIfAbsent(receiver, target) != null) {
            throw new IllegalStateException("a delivery receiver " + receiver + " is already registered");
        }
    }

    @Override
    public void registerAnnotator(String name, DeadLetterAnnotator annotator) {
        if (annotators.putIfAbsent(name, annotator) != null) {
            throw new IllegalStateException("a dead-letter annotator " + name + " is already registered");
        }
    }

    @Override
    public void submit(Delivery delivery) {
        Stored stored = Stored.of(newId(), delivery, clock.millis());
        keyspace().put(key(stored.id()), RecordJson.write(stored));
        run(stored.id());
    }

    /** Schedules every stored delivery: those a previous run left, after a restart. */
    public void resume() {
        long now = clock.millis();
        keyspace().forEach(null, null, PAGE, entry -> {
            Stored stored = RecordJson.read(entry.value(), Stored.class);
            later(stored.id(), stored.notBeforeMillis() - now);
        });
    }

    /** Deliveries not yet delivered or given up. */
    public long pending() {
        return keyspace().size();
    }

    private void run(String id) {
        try {
            workers.execute(() -> attempt(id));
        } catch (RejectedExecutionException stopping) {
            // Stored: the next start delivers it.
        }
    }

    private void later(String id, long delayMillis) {
        try {
            scheduler.schedule(() -> run(id), Math.max(0, delayMillis), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            // Stored: the next start delivers it.
        }
    }

    void attempt(String id) {
        byte[] raw = keyspace().get(key(id)).orElse(null);
        if (raw == null) {
            return;
        }
        Stored stored = RecordJson.read(raw, Stored.class);
        long now = clock.millis();
        if (stored.failures() + stored.throttles() > 0 && now - stored.receivedMillis() > stored.maximumEventAgeMillis()) {
            giveUp(stored, "its maximum event age passed", null,
                    new GivenUp(GivenUp.Cause.EVENT_AGE_EXCEEDED, stored.failures(), stored.lastErrorCode(),
                            stored.lastErrorMessage(), stored.lastErrorStatus()));
            return;
        }
        DeliveryTarget target = targets.get(stored.receiver());
        if (target == null) {
            String reason = "Cloudjar does not emulate " + stored.receiver() + " as a delivery target";
            giveUp(stored, reason, null, new GivenUp(GivenUp.Cause.NO_RECEIVER, 0, null, reason, 0));
            return;
        }
        try {
            target.deliver(stored.delivery(), stored.attempt());
            keyspace().delete(key(id));
        } catch (AwsException e) {
            if (e.status() == 429) {
                throttled(stored, e);
            } else if (e.status() < 500) {
                giveUp(stored, e.code() + ": " + e.getMessage(), e,
                        new GivenUp(GivenUp.Cause.REFUSED, stored.failures() + 1, e.code(), e.getMessage(), e.status()));
            } else {
                failed(stored, e);
            }
        } catch (RuntimeException e) {
            failed(stored, e);
        }
    }

    private void throttled(Stored stored, AwsException throttle) {
        long now = clock.millis();
        Stored next = stored.next(stored.failures(), stored.throttles() + 1,
                now + stored.retry().throttleBackoff(stored.throttles() + 1).toMillis(), throttle);
        keyspace().put(key(next.id()), RecordJson.write(next));
        later(next.id(), next.notBeforeMillis() - now);
    }

    private void failed(Stored stored, RuntimeException failure) {
        int failures = stored.failures() + 1;
        if (failures >= stored.maximumAttempts()) {
            giveUp(stored, "every attempt failed (" + failures + "), the last with " + failure, failure,
                    new GivenUp(GivenUp.Cause.ATTEMPTS_EXHAUSTED, failures, code(failure), failure.getMessage(), status(failure)));
            return;
        }
        long now = clock.millis();
        DeliveryTarget target = targets.get(stored.receiver());
        Duration wait = target == null ? stored.retry().backoff(failures) : target.backoff(stored.delivery(), failures);
        Stored next = stored.next(failures, stored.throttles(), now + wait.toMillis(), failure);
        keyspace().put(key(next.id()), RecordJson.write(next));
        later(next.id(), next.notBeforeMillis() - now);
    }

    /**
     * Tells the receiver (which may send records of its own), then removes the delivery in the
     * same write that stores its dead letter: a crash between the two repeats the notice rather
     * than losing it.
     */
    private void giveUp(Stored stored, String reason, RuntimeException lastFailure, GivenUp givenUp) {
        DeliveryTarget target = targets.get(stored.receiver());
        if (target != null) {
            try {
                target.givenUp(stored.delivery(), stored.attempt(), reason, lastFailure);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "receiver " + stored.receiver() + " failed on a given-up delivery", e);
            }
        }
        WriteBatch batch = new WriteBatch().delete(KEYSPACE, key(stored.id()));
        Stored deadLetter = null;
        if (stored.deadLetterArn() != null) {
            Delivery original = stored.delivery();
            deadLetter = Stored.of(newId(), new Delivery(null, original.deadLetterArn(), original.body(),
                    deadLetterAttributes(original, givenUp), original.messageGroupId(), original.deduplicationId(),
                    original.sourceArn(), original.sourceAccount(), RetryPolicy.standard(), null), clock.millis());
            batch.put(KEYSPACE, key(deadLetter.id()), RecordJson.write(deadLetter));
        }
        state.apply(batch);
        LOG.log(System.Logger.Level.INFO, "gave up delivering to " + stored.targetArn() + ": " + reason
                + (deadLetter == null ? "" : "; sent to " + stored.deadLetterArn()));
        if (deadLetter != null) {
            run(deadLetter.id());
        }
    }

    /** The delivery's attributes and what its producer's annotator adds (an annotator that fails adds nothing). */
    private Map<String, Map<String, String>> deadLetterAttributes(Delivery delivery, GivenUp givenUp) {
        DeadLetterAnnotator annotator = delivery.deadLetterAnnotator() == null ? null
                : annotators.get(delivery.deadLetterAnnotator());
        if (annotator == null) {
            return delivery.messageAttributes();
        }
        Map<String, Map<String, String>> attributes = new LinkedHashMap<>(delivery.messageAttributes());
        try {
            attributes.putAll(annotator.attributes(delivery, givenUp));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "annotator " + delivery.deadLetterAnnotator() + " failed", e);
        }
        return attributes;
    }

    private static String code(RuntimeException failure) {
        return failure instanceof AwsException aws ? aws.code() : failure.getClass().getSimpleName();
    }

    private static int status(RuntimeException failure) {
        return failure instanceof AwsException aws ? aws.status() : 500;
    }

    private Keyspace keyspace() {
        return state.keyspace(KEYSPACE);
    }

    /** A version 7 UUID: time-ordered (a restart resumes the oldest first) and fit for a request id. */
    private String newId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (clock.millis() << 16) | 0x7000L | (random.nextLong() & 0x0FFFL);
        long low = random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL | 0x8000_0000_0000_0000L;
        return new UUID(high, low).toString();
    }

    private static byte[] key(String id) {
        return id.getBytes(StandardCharsets.UTF_8);
    }
}
