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
import dev.cloudjar.core.spi.RecordJson;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Scheduler's own delivery receiver, for universal targets, which no other service's receiver
 * takes: the API action run with the Input as its request, an internal call as
 * {@code scheduler.amazonaws.com} in the schedule's account and Region, with the attempt's number
 * put into the Input. Queues, functions, topics and event buses go to the sqs, lambda, sns and
 * events receivers.
 */
public final class TargetInvoker implements DeliveryTarget {
    public static final String RECEIVER = "scheduler:target";

    /** Which receiver takes a target. */
    public enum Kind {
        SQS(false), LAMBDA(false), SNS(false), EVENT_BUS(false), UNIVERSAL(true), OTHER(true);

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

    @Override
    public void deliver(Delivery delivery, Attempt attempt) {
        String body = ContextAttributes.attempt(delivery.body(), attempt.number());
        Arn schedule = Arn.parse(delivery.sourceArn());
        CallContext caller = CallContext.service(schedule.servicePrincipal(), schedule.scope(), delivery.sourceArn(),
                delivery.sourceAccount());
        Targets.Operation operation = Targets.universalOperation(delivery.targetArn());
        if (operation == null) {
            throw new AwsException("ValidationException", 400, "Not a universal target: " + delivery.targetArn());
        }
        calls.call(caller, operation.service(), operation.operation(), new Input(request(body)));
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
