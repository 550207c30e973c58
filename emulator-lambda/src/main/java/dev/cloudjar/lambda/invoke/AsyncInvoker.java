package dev.cloudjar.lambda.invoke;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cloudjar.core.error.AwsException;
import dev.cloudjar.core.spi.EventBus;
import dev.cloudjar.core.spi.RecordJson;
import dev.cloudjar.core.spi.Scope;
import dev.cloudjar.lambda.JsonTable;
import dev.cloudjar.lambda.LambdaStore;
import dev.cloudjar.lambda.function.FunctionConfiguration;
import dev.cloudjar.lambda.function.FunctionRef;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Asynchronous (Event) invocations as Lambda runs them: queued, retried after a function error
 * up to MaximumRetryAttempts with Lambda's 1-minute then 2-minute delays, retried with back-off
 * while throttled, given up once older than MaximumEventAgeInSeconds; then the OnFailure
 * destination and the dead-letter queue, or the OnSuccess destination (timing: {@link RetrySchedule}).
 */
public final class AsyncInvoker {
    private static final System.Logger LOG = System.getLogger(AsyncInvoker.class.getName());

    /** One queued event; the request id stays the same across its attempts, as on Lambda. */
    private record Event(String requestId, Scope scope, FunctionRef function, byte[] payload, Instant received,
                         int attempts, int throttles) {
        Event retried() {
            return new Event(requestId, scope, function, payload, received, attempts + 1, throttles);
        }

        Event throttled() {
            return new Event(requestId, scope, function, payload, received, attempts, throttles + 1);
        }
    }

    private final LambdaStore store;
    private final Invoker invoker;
    private final Destinations destinations;
    private final ExecutorService workers;
    private final ScheduledExecutorService scheduler;
    private final RetrySchedule schedule;

    public AsyncInvoker(LambdaStore store, Invoker invoker, EventBus events, ExecutorService workers,
                        ScheduledExecutorService scheduler, RetrySchedule schedule) {
        this.store = store;
        this.invoker = invoker;
        this.destinations = new Destinations(events, this::submitToArn);
        this.workers = workers;
        this.scheduler = scheduler;
        this.schedule = schedule;
    }

    /** Where this invoker delivers to destinations and dead-letter queues (a function ARN is invoked asynchronously). */
    public Destinations destinations() {
        return destinations;
    }

    /** Queues an event; returns its request id. */
    public String submit(Scope scope, FunctionRef function, byte[] payload) {
        Event event = new Event(UUID.randomUUID().toString(), scope, function, payload, Instant.now(), 0, 0);
        run(event);
        return event.requestId();
    }

    /** An event for a function named by its ARN (a destination), in the ARN's account and region. */
    private void submitToArn(String functionArn, byte[] payload) {
        String[] parts = functionArn.split(":");
        Scope scope = new Scope(parts[4], parts[3]);
        submit(scope, FunctionRef.parse(functionArn, scope), payload);
    }

    private void run(Event event) {
        try {
            workers.execute(() -> attempt(event));
        } catch (RejectedExecutionException e) {
            LOG.log(System.Logger.Level.DEBUG, "server stopping; dropped event " + event.requestId());
        }
    }

    private void later(Event event, Duration delay) {
        try {
            scheduler.schedule(() -> run(event), delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.log(System.Logger.Level.DEBUG, "server stopping; dropped event " + event.requestId());
        }
    }

    private void attempt(Event event) {
        FunctionConfiguration function;
        try {
            function = store.route(event.scope(), event.function());
        } catch (AwsException gone) {
            return;
        }
        EventInvokeConfig config = store.eventInvokeConfigs
                .get(event.scope(), JsonTable.key(function.functionName(), event.function().qualifierOrLatest()))
                .orElse(EventInvokeConfig.defaults());
        if (Duration.between(event.received(), Instant.now()).compareTo(schedule.maximumEventAge(config.maxAgeSeconds())) > 0
                && event.attempts() > 0) {
            fail(event, function, config, "EventAgeExceeded", null);
            return;
        }
        Invoker.Result result;
        try {
            result = invoker.invoke(event.scope(), function, event.function().arn(event.scope()), event.requestId(),
                    event.payload(), null);
        } catch (AwsException e) {
            if (e.status() == 429) {
                later(event.throttled(), schedule.whileThrottled(event.throttles()));
            } else {
                fail(event, function, config, "RetriesExhausted", null);
            }
            return;
        }
        if (result.functionError() == null) {
            if (config.onSuccess() != null) {
                destinations.send(config.onSuccess(), record(event, function, "Success", result), Map.of());
            }
        } else if (event.attempts() < config.retries()) {
            later(event.retried(), schedule.afterFunctionError(event.attempts() + 1));
        } else {
            fail(event, function, config, "RetriesExhausted", result);
        }
    }

    private void fail(Event event, FunctionConfiguration function, EventInvokeConfig config, String condition,
                      Invoker.Result result) {
        if (config.onFailure() != null) {
            destinations.send(config.onFailure(), record(event, function, condition, result), Map.of());
        }
        if (function.deadLetterTargetArn() != null) {
            destinations.send(function.deadLetterTargetArn(), new String(event.payload(), StandardCharsets.UTF_8),
                    deadLetterAttributes(event, result));
        }
    }

    /** The attributes Lambda puts on a dead-letter message: RequestID, ErrorCode, ErrorMessage. */
    private static Map<String, Map<String, String>> deadLetterAttributes(Event event, Invoker.Result result) {
        Map<String, Map<String, String>> attributes = new LinkedHashMap<>();
        attributes.put("RequestID", Map.of("DataType", "String", "StringValue", event.requestId()));
        attributes.put("ErrorCode", Map.of("DataType", "Number", "StringValue", "200"));
        String message = result == null ? "Event age exceeded" : parse(result.payload()).path("errorMessage").asText("");
        attributes.put("ErrorMessage", Map.of("DataType", "String", "StringValue", message));
        return attributes;
    }

    /** Lambda's invocation record, as destinations receive it. */
    private static String record(Event event, FunctionConfiguration function, String condition, Invoker.Result result) {
        ObjectNode record = RecordJson.mapper().createObjectNode();
        record.put("version", "1.0");
        record.put("timestamp", Instant.now().toString());
        ObjectNode request = record.putObject("requestContext");
        request.put("requestId", event.requestId());
        request.put("functionArn", function.qualifiedArn(event.scope()));
        request.put("condition", condition);
        request.put("approximateInvokeCount", event.attempts() + 1);
        record.set("requestPayload", parse(event.payload()));
        if (result != null) {
            ObjectNode response = record.putObject("responseContext");
            response.put("statusCode", 200);
            response.put("executedVersion", result.executedVersion());
            if (result.functionError() != null) {
                response.put("functionError", result.functionError());
            }
            record.set("responsePayload", parse(result.payload()));
        }
        return record.toString();
    }

    private static JsonNode parse(byte[] json) {
        try {
            return json.length == 0 ? RecordJson.mapper().nullNode() : RecordJson.mapper().readTree(json);
        } catch (IOException e) {
            return RecordJson.mapper().getNodeFactory().textNode(new String(json, StandardCharsets.UTF_8));
        }
    }
}
