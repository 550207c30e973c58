package dev.cloudjar.core.spi;

import java.util.Map;
import java.util.Objects;

/**
 * A payload on its way to a target ARN: an S3 event for a queue or function, a Lambda
 * invocation record for a destination. Core's delivery queue owns it once submitted: it is
 * stored before {@link Deliveries#submit} returns, handed to its receiver (the adapter the target's
 * service registered for its ARN type, unless it names another), retried by {@link #retry()}, and
 * sent to {@link #deadLetterArn()} when it cannot be delivered.
 *
 * @param receiver          the registered receiver that takes it; null for the one registered for
 *                          the target ARN's service ({@code sqs}, {@code lambda})
 * @param messageAttributes SQS's form, name → {DataType, StringValue}: what a queue target
 *                          receives as MessageAttributes (Lambda's dead-letter RequestID, ErrorCode, ErrorMessage)
 * @param messageGroupId    for a FIFO queue target, else null
 * @param deduplicationId   for a FIFO queue target, else null
 * @param sourceArn         the resource that caused the delivery (a bucket, a function), passed to the target's call
 * @param sourceAccount     that resource's account
 * @param deadLetterArn     where the payload goes when every attempt failed, or null to drop it (with a log line)
 * @param deadLetterAnnotator the name of the producer's registered {@link DeadLetterAnnotator}, whose attributes
 *                          the dead letter carries besides {@code messageAttributes}; null for none
 */
public record Delivery(String receiver, String targetArn, String body, Map<String, Map<String, String>> messageAttributes,
                       String messageGroupId, String deduplicationId, String sourceArn, String sourceAccount,
                       RetryPolicy retry, String deadLetterArn, String deadLetterAnnotator) {

    /** @throws IllegalArgumentException for a target that is not an ARN, when no receiver is named */
    public Delivery {
        Objects.requireNonNull(targetArn, "a delivery has a target");
        Objects.requireNonNull(sourceArn, "a delivery names its source");
        receiver = receiver == null ? Arn.parse(targetArn).service() : receiver;
        messageAttributes = messageAttributes == null ? Map.of() : Map.copyOf(messageAttributes);
        retry = retry == null ? RetryPolicy.standard() : retry;
    }

    /** A delivery whose dead letter carries only its own message attributes. */
    public Delivery(String receiver, String targetArn, String body, Map<String, Map<String, String>> messageAttributes,
                    String messageGroupId, String deduplicationId, String sourceArn, String sourceAccount,
                    RetryPolicy retry, String deadLetterArn) {
        this(receiver, targetArn, body, messageAttributes, messageGroupId, deduplicationId, sourceArn, sourceAccount,
                retry, deadLetterArn, null);
    }

    /** A plain delivery: no attributes, the standard retry policy, no dead-letter target. */
    public static Delivery of(String targetArn, String body, String sourceArn, String sourceAccount) {
        return new Delivery(null, targetArn, body, Map.of(), null, null, sourceArn, sourceAccount, null, null);
    }

    public Arn target() {
        return Arn.parse(targetArn);
    }

    /**
     * How the target's service runs this delivery: in the target's account and region, called by
     * the service principal of the source ({@code s3.amazonaws.com} for a bucket's notification).
     */
    public CallContext callContext() {
        return CallContext.service(Arn.parse(sourceArn).servicePrincipal(), target().scope(), sourceArn, sourceAccount);
    }
}
