package dev.cloudjar.lambda.invoke;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cloudjar.core.spi.Arn;
import dev.cloudjar.core.spi.Deliveries;
import dev.cloudjar.core.spi.Delivery;
import dev.cloudjar.core.spi.EventBusEntry;

import java.util.List;
import java.util.Map;

/**
 * Sends to a dead-letter queue or destination by ARN through core's delivery queue, so that
 * Lambda needs no other service's classes: the target's service receives it through the receiver
 * it registered (SQS sends a message, SNS publishes, Lambda invokes the function asynchronously,
 * EventBridge puts the event on the bus).
 */
public final class Destinations {
    /** The event's source and detail types for a bus destination ("Capturing records of asynchronous invocations"). */
    private static final String SOURCE = "lambda";
    private static final String RESULT = "Lambda Function Invocation Result - ";

    private final Deliveries deliveries;

    public Destinations(Deliveries deliveries) {
        this.deliveries = deliveries;
    }

    /** Whether Lambda accepts the ARN as a destination or dead-letter target. */
    public static boolean isSupported(String arn) {
        return arn != null && arn.matches("arn:aws[a-z-]*:(sqs|sns|lambda|events):.*");
    }

    /**
     * @param attributes SQS message attributes, name → {DataType, StringValue}; SNS publishes them
     *                   as the message's attributes
     * @param functionArn the function whose invocation this reports: the delivery's source
     */
    public void send(String arn, String body, Map<String, Map<String, String>> attributes, String functionArn) {
        deliveries.submit(new Delivery(null, arn, body, attributes, null, null, functionArn, account(functionArn), null, null));
    }

    /**
     * An asynchronous invocation's record to its OnSuccess or OnFailure destination: as it is to a
     * queue, topic or function; to an event bus, the detail of an event whose detail-type names the
     * outcome, with the bus and the function as its resources.
     */
    public void sendRecord(String arn, JsonNode record, boolean success, String functionArn) {
        if (!Arn.parse(arn).service().equals("events")) {
            send(arn, record.toString(), Map.of(), functionArn);
            return;
        }
        EventBusEntry event = EventBusEntry.of(SOURCE, RESULT + (success ? "Success" : "Failure"), record,
                List.of(arn, functionArn));
        deliveries.submit(event.delivery(arn, functionArn, account(functionArn)));
    }

    private static String account(String functionArn) {
        return Arn.parse(functionArn).account();
    }
}
