package dev.cloudjar.scheduler.run;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.cloudjar.core.error.AwsException;
import dev.cloudjar.core.spi.Arn;
import dev.cloudjar.core.spi.Attempt;
import dev.cloudjar.core.spi.AwsCalls;
import dev.cloudjar.core.spi.CallContext;
import dev.cloudjar.core.spi.Delivery;
import dev.cloudjar.core.spi.DeliveryTarget;
import dev.cloudjar.core.spi.Input;
import dev.cloudjar.core.spi.Output;
import dev.cloudjar.core.spi.RecordJson;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scheduler's own delivery receiver, for the targets no other service's receiver takes: an event
 * bus (PutEvents with the target's EventBridgeParameters, the Input as Detail) and universal
 * targets (the API action run with the Input as its request). Each attempt is an internal call as
 * {@code scheduler.amazonaws.com} in the schedule's account and Region, with the attempt's number
 * put into the Input. Queues, functions and topics go to the sqs, lambda and sns receivers.
 */
public final class TargetInvoker implements DeliveryTarget {
    public static final String RECEIVER = "scheduler:target";
    private static final String DETAIL_TYPE = "DetailType";
    private static final String SOURCE = "Source";

    /** Which receiver takes a target. */
    public enum Kind {
        SQS(false), LAMBDA(false), SNS(false), EVENT_BUS(true), UNIVERSAL(true), OTHER(true);

        private final boolean ownReceiver;

        Kind(boolean ownReceiver) {
            this.ownReceiver = ownReceiver;
        }

        public boolean ownReceiver() {
            return ownReceiver;
        }
    }

    private final AwsCalls calls;

    public TargetInvoker(AwsCalls calls) {
        this.calls = calls;
    }

    public static Kind kind(String targetArn) {
        if (Targets.isUniversal(targetArn)) {
            return Kind.UNIVERSAL;
        }
        Arn arn = Arn.parse(targetArn);
        return switch (arn.service()) {
            case "sqs" -> Kind.SQS;
            case "lambda" -> Kind.LAMBDA;
            case "sns" -> Kind.SNS;
            case "events" -> arn.resource().startsWith("event-bus/") ? Kind.EVENT_BUS : Kind.OTHER;
            default -> Kind.OTHER;
        };
    }

    /** The delivery carries an event bus target's EventBridgeParameters as its attributes, SQS's form. */
    static Map<String, Map<String, String>> eventBridgeParameters(Map<String, Object> target) {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        if (target.get("EventBridgeParameters") instanceof Map<?, ?> p) {
            out.put(DETAIL_TYPE, Map.of("DataType", "String", "StringValue", String.valueOf(p.get(DETAIL_TYPE))));
            out.put(SOURCE, Map.of("DataType", "String", "StringValue", String.valueOf(p.get(SOURCE))));
        }
        return out;
    }

    @Override
    public void deliver(Delivery delivery, Attempt attempt) {
        String body = ContextAttributes.attempt(delivery.body(), attempt.number());
        Arn schedule = Arn.parse(delivery.sourceArn());
        CallContext caller = CallContext.service(schedule.servicePrincipal(), schedule.scope(), delivery.sourceArn(),
                delivery.sourceAccount());
        switch (kind(delivery.targetArn())) {
            case EVENT_BUS -> putEvent(caller, delivery, body);
            case UNIVERSAL -> {
                Targets.Operation operation = Targets.universalOperation(delivery.targetArn());
                calls.call(caller, operation.service(), operation.operation(), new Input(request(body)));
            }
            default -> throw new AwsException("ValidationException", 400,
                    "Cloudjar does not invoke targets of this kind: " + delivery.targetArn());
        }
    }

    private void putEvent(CallContext caller, Delivery delivery, String body) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("EventBusName", delivery.targetArn());
        entry.put(SOURCE, attribute(delivery, SOURCE));
        entry.put(DETAIL_TYPE, attribute(delivery, DETAIL_TYPE));
        entry.put("Detail", body);
        entry.put("Resources", List.of(delivery.sourceArn()));
        Output out = calls.call(caller, "events", "PutEvents", new Input(Map.of("Entries", List.of(entry))));
        if (out.members().get("FailedEntryCount") instanceof Number failed && failed.intValue() > 0
                && out.members().get("Entries") instanceof List<?> entries && entries.get(0) instanceof Map<?, ?> result) {
            // An entry PutEvents refuses (no such bus, a Detail that is not JSON) will not pass on a retry.
            throw new AwsException(String.valueOf(result.get("ErrorCode")), 400, String.valueOf(result.get("ErrorMessage")));
        }
    }

    private static String attribute(Delivery delivery, String name) {
        Map<String, String> value = delivery.messageAttributes().get(name);
        return value == null ? null : value.get("StringValue");
    }

    /** A universal target's Input is the request as JSON, with the API's member names. */
    private static Map<String, Object> request(String body) {
        try {
            return RecordJson.mapper().readValue(body, new TypeReference<LinkedHashMap<String, Object>>() { });
        } catch (IOException e) {
            throw new AwsException("ValidationException", 400, "The target's Input is not a JSON object.");
        }
    }
}
