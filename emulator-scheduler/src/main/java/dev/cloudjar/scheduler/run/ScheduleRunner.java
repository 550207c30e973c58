package dev.cloudjar.scheduler.run;

import dev.cloudjar.core.spi.Arn;
import dev.cloudjar.core.spi.Deliveries;
import dev.cloudjar.core.spi.Delivery;
import dev.cloudjar.core.spi.EventBusEntry;
import dev.cloudjar.core.spi.RetryPolicy;
import dev.cloudjar.core.spi.Scope;
import dev.cloudjar.core.spi.StripedLocks;
import dev.cloudjar.core.spi.TimerHandler;
import dev.cloudjar.core.spi.Timers;
import dev.cloudjar.scheduler.store.ScheduleRecord;
import dev.cloudjar.scheduler.store.SchedulerStore;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Runs schedules on core's durable timers: every ENABLED schedule that has a time left has one
 * timer, id its ARN, due at its next time (plus a random part of its flexible window), with that
 * nominal time as the payload. When the timer fires, the target gets one delivery through core's
 * delivery queue, with the target's RetryPolicy and DeadLetterConfig, and the next timer is set;
 * a schedule with no time left and ActionAfterCompletion DELETE is deleted.
 */
public final class ScheduleRunner implements TimerHandler {
    public static final String OWNER = SchedulerStore.SERVICE;

    private final SchedulerStore store;
    private final Timers timers;
    private final Deliveries deliveries;

    public ScheduleRunner(SchedulerStore store, Timers timers, Deliveries deliveries) {
        this.store = store;
        this.timers = timers;
        this.deliveries = deliveries;
    }

    /** The schedules' clock, which tests can move ({@code POST /_cloudjar/clock}). */
    public Instant now() {
        return timers.now();
    }

    /** Sets the schedule's timer to its next time, or removes it when it is disabled or has none left. */
    public void arm(Scope scope, ScheduleRecord schedule) {
        Optional<Instant> next = schedule.enabled() ? Occurrences.next(schedule, now()) : Optional.empty();
        if (next.isPresent()) {
            set(schedule, next.get());
        } else {
            disarm(schedule.arn());
        }
    }

    public void disarm(String arn) {
        timers.cancel(OWNER, arn);
    }

    /**
     * Runs one occurrence. {@code payload} is the nominal time; {@code due} is later by the flexible
     * window's share, or earlier for an admin "fire now", which stands for the pending occurrence.
     */
    @Override
    public void fire(String id, String payload, Instant due) {
        Arn arn = Arn.parse(id);
        String[] groupAndName = arn.resource().substring("schedule/".length()).split("/", 2);
        Scope scope = arn.scope();
        try (StripedLocks.Held ignored = store.lock(scope, groupAndName[0])) {
            ScheduleRecord schedule = store.schedule(scope, groupAndName[0], groupAndName[1]).orElse(null);
            if (schedule == null || !schedule.enabled()) {
                return;
            }
            Instant nominal = payload == null || payload.isEmpty() ? due : Instant.parse(payload);
            invoke(scope, schedule, nominal.isBefore(due) ? nominal : due);
            // After a flexible occurrence the next one counts from its nominal time, so a window wider
            // than the period skips none; after a clock that jumped ahead, from now (no catching up).
            Instant now = now();
            Instant after = now.minus(Duration.ofMinutes(schedule.flexibleWindowMinutes())).isAfter(nominal) ? now : nominal;
            Optional<Instant> next = Occurrences.next(schedule, after);
            if (next.isPresent()) {
                set(schedule, next.get());
            } else if ("DELETE".equals(schedule.actionAfterCompletion())) {
                store.deleteSchedule(scope, schedule.groupName(), schedule.name());
            }
        }
    }

    private void set(ScheduleRecord schedule, Instant nominal) {
        int window = schedule.flexibleWindowMinutes();
        long jitter = window == 0 ? 0 : ThreadLocalRandom.current().nextLong(Duration.ofMinutes(window).toMillis());
        timers.set(OWNER, schedule.arn(), nominal.plusMillis(jitter), nominal.toString());
    }

    /** One delivery of the target's Input, its context attributes put in. */
    private void invoke(Scope scope, ScheduleRecord schedule, Instant scheduledTime) {
        Map<String, Object> target = schedule.target();
        String targetArn = schedule.targetArn();
        String input = target.get("Input") instanceof String s ? s : "{}";
        // "Adding context attributes" shows an execution id as d32c5kddcf5bb8c3 and a time as 2022-03-22T18:59:43Z.
        String executionId = UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        String body = ContextAttributes.invocation(input, schedule.arn(),
                scheduledTime.truncatedTo(ChronoUnit.SECONDS).toString(), executionId);
        TargetInvoker.Kind kind = TargetInvoker.kind(targetArn);
        if (kind == TargetInvoker.Kind.OTHER) {
            // Templated targets of services Cloudjar does not invoke (ECS, Kinesis, Step Functions...) receive nothing.
            return;
        }
        if (!kind.ownReceiver()) {
            // The sqs, lambda, sns and events receivers send the body as it is: the attempt is the first.
            body = ContextAttributes.attempt(body, 1);
        }
        if (kind == TargetInvoker.Kind.EVENT_BUS) {
            // EventBridge's receiver puts the entry on the bus: EventBridgeParameters' DetailType and Source, the Input as Detail.
            Map<?, ?> parameters = target.get("EventBridgeParameters") instanceof Map<?, ?> p ? p : Map.of();
            body = new EventBusEntry((String) parameters.get("Source"), (String) parameters.get("DetailType"), body,
                    List.of(schedule.arn())).json();
        }
        String groupId = target.get("SqsParameters") instanceof Map<?, ?> sqs ? (String) sqs.get("MessageGroupId") : null;
        boolean fifo = kind == TargetInvoker.Kind.SQS && targetArn.endsWith(".fifo");
        deliveries.submit(new Delivery(kind.ownReceiver() ? TargetInvoker.RECEIVER : null, targetArn, body, Map.of(),
                fifo ? groupId : null, fifo ? executionId : null,
                schedule.arn(), scope.accountId(), retry(target), deadLetterArn(target)));
    }

    /** The stored RetryPolicy, which always has both members (the definition fills in the defaults). */
    private static RetryPolicy retry(Map<String, Object> target) {
        Map<?, ?> policy = (Map<?, ?>) target.get("RetryPolicy");
        return RetryPolicy.retries(((Number) policy.get("MaximumRetryAttempts")).intValue(),
                Duration.ofSeconds(((Number) policy.get("MaximumEventAgeInSeconds")).longValue()));
    }

    private static String deadLetterArn(Map<String, Object> target) {
        return target.get("DeadLetterConfig") instanceof Map<?, ?> dlq ? (String) dlq.get("Arn") : null;
    }
}
