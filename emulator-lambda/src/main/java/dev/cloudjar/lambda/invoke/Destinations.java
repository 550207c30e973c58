package dev.cloudjar.lambda.invoke;

import dev.cloudjar.core.spi.EventBus;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Delivers to a dead-letter queue or destination by ARN, through the in-process event bus so
 * that Lambda needs no other service's classes: SQS listens on {@link #SQS_SEND_MESSAGE}, SNS on
 * {@link #SNS_PUBLISH}. A Lambda function ARN is invoked asynchronously.
 *
 * <p>The event is a map with SQS's or SNS's member names: QueueArn (or TopicArn), MessageBody (or
 * Message), MessageAttributes (name → {DataType, StringValue}).
 */
public final class Destinations {
    public static final String SQS_SEND_MESSAGE = "sqs:SendMessage";
    public static final String SNS_PUBLISH = "sns:Publish";

    private final EventBus events;
    private final BiConsumer<String, byte[]> invokeFunction;

    public Destinations(EventBus events, BiConsumer<String, byte[]> invokeFunction) {
        this.events = events;
        this.invokeFunction = invokeFunction;
    }

    /** Whether Lambda accepts the ARN as a destination or dead-letter target. */
    public static boolean isSupported(String arn) {
        return arn != null && arn.matches("arn:aws[a-z-]*:(sqs|sns|lambda|events):.*");
    }

    public void send(String arn, String body, Map<String, Map<String, String>> attributes) {
        String service = arn.split(":", 4)[2];
        switch (service) {
            case "sqs" -> events.publish(SQS_SEND_MESSAGE, message("QueueArn", arn, "MessageBody", body, attributes));
            case "sns" -> events.publish(SNS_PUBLISH, message("TopicArn", arn, "Message", body, attributes));
            case "lambda" -> invokeFunction.accept(arn, body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            default -> events.publish(service + ":PutEvents", message("EventBusArn", arn, "Detail", body, attributes));
        }
    }

    private static Map<String, Object> message(String arnMember, String arn, String bodyMember, String body,
                                               Map<String, Map<String, String>> attributes) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put(arnMember, arn);
        message.put(bodyMember, body);
        message.put("MessageAttributes", attributes);
        return message;
    }
}
