package dev.cloudjar.lambda.invoke;

import dev.cloudjar.core.spi.Deliveries;
import dev.cloudjar.core.spi.Delivery;

import java.util.Map;

/**
 * Sends to a dead-letter queue or destination by ARN through core's delivery queue, so that
 * Lambda needs no other service's classes: the target's service receives it through the adapter
 * it registered (SQS sends a message, Lambda invokes the function asynchronously); a target no
 * service receives yet (SNS, EventBridge) is given up with a log line.
 */
public final class Destinations {
    private final Deliveries deliveries;

    public Destinations(Deliveries deliveries) {
        this.deliveries = deliveries;
    }

    /** Whether Lambda accepts the ARN as a destination or dead-letter target. */
    public static boolean isSupported(String arn) {
        return arn != null && arn.matches("arn:aws[a-z-]*:(sqs|sns|lambda|events):.*");
    }

    /**
     * @param attributes SQS message attributes, name → {DataType, StringValue}
     * @param functionArn the function whose invocation this reports: the delivery's source
     */
    public void send(String arn, String body, Map<String, Map<String, String>> attributes, String functionArn) {
        String account = functionArn.split(":", 6)[4];
        deliveries.submit(new Delivery(null, arn, body, attributes, null, null, functionArn, account, null, null));
    }
}
