package dev.cloudjar.lambda.invoke;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cloudjar.core.error.AwsException;
import dev.cloudjar.core.spi.Attempt;
import dev.cloudjar.core.spi.Deliveries;
import dev.cloudjar.core.spi.Delivery;
import dev.cloudjar.core.spi.DeliveryTarget;
import dev.cloudjar.core.spi.RecordJson;
import dev.cloudjar.core.spi.RetryPolicy;
import dev.cloudjar.core.spi.Scope;
import dev.cloudjar.core.spi.RecordTable;
import dev.cloudjar.lambda.LambdaStore;
import dev.cloudjar.lambda.function.FunctionConfiguration;
import dev.cloudjar.lambda.function.FunctionRef;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Asynchronous (Event) invocations as Lambda runs them: queued, retried after a function error
 * up to MaximumRetryAttempts with Lambda's 1-minute then 2-minute delays, retried with back-off
 * while throttled, given up once older than MaximumEventAgeInSeconds; then the OnFailure
 * destination and the dead-letter queue, or the OnSuccess destination (timing: {@link RetrySchedule}).
 *
 * <p>The queue is core's delivery queue, so an event accepted with 202 is stored and survives a
 * restart with {@code --data-dir}; this class is the receiver that runs each attempt, and the
 * delivery's id is the invocation's request id, the same across its attempts as on Lambda.
 */
public final class AsyncInvoker implements DeliveryTarget {
    static final String RECEIVER = "lambda:async-invocation";

    /** An attempt that ended in a function error: a failed attempt, retried by the policy. */
    private static final class FunctionError extends RuntimeException {
        private final transient Invoker.Result result;

        FunctionError(Invoker.Result result) {
            super(result.functionError(), null, false, false);
            this.result = result;
        }
    }

    private final LambdaStore store;
    private final Invoker invoker;
    private final Deliveries deliveries;
    private final Destinations destinations;
    private final RetrySchedule schedule;

    public AsyncInvoker(LambdaStore store, Invoker invoker, Deliveries deliveries, RetrySchedule schedule) {
        this.store = store;
        this.invoker = invoker;
        this.deliveries = deliveries;
        this.destinations = new Destinations(deliveries);
        this.schedule = schedule;
        deliveries.register(RECEIVER, this);
    }

    /** Where this invoker delivers to destinations and dead-letter queues. */
    public Destinations destinations() {
        return destinations;
    }

    /**
     * Queues an event for the function Invoke routed {@code function} to (stored before this
     * returns), with that function's event invoke config.
     */
    public void submit(Scope scope, FunctionRef function, FunctionConfiguration configuration, byte[] payload) {
        EventInvokeConfig config = config(scope, configuration, function);
        RetryPolicy policy = new RetryPolicy(config.retries() + 1, schedule.maximumEventAge(config.maxAgeSeconds()),
                schedule.afterFunctionError(1), schedule.afterFunctionError(2), schedule.whileThrottled(0),
                schedule.whileThrottled(Integer.MAX_VALUE));
        String arn = function.arn(scope);
        deliveries.submit(new Delivery(RECEIVER, arn, new String(payload, StandardCharsets.UTF_8), Map.of(), null, null,
                arn, scope.accountId(), policy, null));
    }

    @Override
    public void deliver(Delivery delivery, Attempt attempt) {
        Scope scope = delivery.target().scope();
        FunctionRef ref = FunctionRef.parse(delivery.targetArn(), scope);
        FunctionConfiguration function = store.route(scope, ref);
        Invoker.Result result = invoker.invoke(scope, function, ref.arn(scope), attempt.deliveryId(),
                delivery.body().getBytes(StandardCharsets.UTF_8), null);
        if (result.functionError() != null) {
            throw new FunctionError(result);
        }
        EventInvokeConfig config = config(scope, function, ref);
        if (config.onSuccess() != null) {
            destinations.sendRecord(config.onSuccess(), record(delivery, attempt, function, scope, "Success", result), true,
                    function.qualifiedArn(scope));
        }
    }

    /** A function deleted meanwhile drops its events, as on Lambda; otherwise OnFailure and the dead-letter queue. */
    @Override
    public void givenUp(Delivery delivery, Attempt attempt, String reason, RuntimeException lastFailure) {
        Scope scope = delivery.target().scope();
        FunctionRef ref = FunctionRef.parse(delivery.targetArn(), scope);
        FunctionConfiguration function;
        try {
            function = store.route(scope, ref);
        } catch (AwsException gone) {
            return;
        }
        Invoker.Result result = lastFailure instanceof FunctionError error ? error.result : null;
        String condition = lastFailure == null ? "EventAgeExceeded" : "RetriesExhausted";
        EventInvokeConfig config = config(scope, function, ref);
        if (config.onFailure() != null) {
            destinations.sendRecord(config.onFailure(), record(delivery, attempt, function, scope, condition, result), false,
                    function.qualifiedArn(scope));
        }
        if (function.deadLetterTargetArn() != null) {
            destinations.send(function.deadLetterTargetArn(), delivery.body(),
                    deadLetterAttributes(attempt, result), function.qualifiedArn(scope));
        }
    }

    private EventInvokeConfig config(Scope scope, FunctionConfiguration function, FunctionRef ref) {
        return store.eventInvokeConfigs
                .get(scope, RecordTable.key(function.functionName(), ref.qualifierOrLatest()))
                .orElse(EventInvokeConfig.defaults());
    }

    /** The attributes Lambda puts on a dead-letter message: RequestID, ErrorCode, ErrorMessage. */
    private static Map<String, Map<String, String>> deadLetterAttributes(Attempt attempt, Invoker.Result result) {
        Map<String, Map<String, String>> attributes = new LinkedHashMap<>();
        attributes.put("RequestID", Map.of("DataType", "String", "StringValue", attempt.deliveryId()));
        attributes.put("ErrorCode", Map.of("DataType", "Number", "StringValue", "200"));
        String message = result == null ? "Event age exceeded" : parse(result.payload()).path("errorMessage").asText("");
        attributes.put("ErrorMessage", Map.of("DataType", "String", "StringValue", message));
        return attributes;
    }

    /** Lambda's invocation record, as destinations receive it. */
    private static ObjectNode record(Delivery delivery, Attempt attempt, FunctionConfiguration function, Scope scope,
                                 String condition, Invoker.Result result) {
        ObjectNode record = RecordJson.mapper().createObjectNode();
        record.put("version", "1.0");
        record.put("timestamp", Instant.now().toString());
        ObjectNode request = record.putObject("requestContext");
        request.put("requestId", attempt.deliveryId());
        request.put("functionArn", function.qualifiedArn(scope));
        request.put("condition", condition);
        request.put("approximateInvokeCount", attempt.number());
        record.set("requestPayload", parse(delivery.body().getBytes(StandardCharsets.UTF_8)));
        if (result != null) {
            ObjectNode response = record.putObject("responseContext");
            response.put("statusCode", 200);
            response.put("executedVersion", result.executedVersion());
            if (result.functionError() != null) {
                response.put("functionError", result.functionError());
            }
            record.set("responsePayload", parse(result.payload()));
        }
        return record;
    }

    private static JsonNode parse(byte[] json) {
        try {
            return json.length == 0 ? RecordJson.mapper().nullNode() : RecordJson.mapper().readTree(json);
        } catch (IOException e) {
            return RecordJson.mapper().getNodeFactory().textNode(new String(json, StandardCharsets.UTF_8));
        }
    }
}
