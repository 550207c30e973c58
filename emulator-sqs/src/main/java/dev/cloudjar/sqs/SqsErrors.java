package dev.cloudjar.sqs;

import dev.cloudjar.core.error.AwsException;

/** SQS's errors, by the names of the model's error shapes (the codecs add the query protocol's codes). */
public final class SqsErrors {
    private SqsErrors() {
    }

    public static AwsException queueDoesNotExist() {
        return AwsException.client("QueueDoesNotExist", "The specified queue does not exist.");
    }

    /** SQS names the first attribute whose value differs from the existing queue's. */
    public static AwsException queueNameExists(String attribute) {
        return AwsException.client("QueueNameExists",
                "A queue already exists with the same name and a different value for attribute " + attribute);
    }

    public static AwsException invalidAttributeName(String name) {
        return AwsException.client("InvalidAttributeName", "Unknown Attribute " + name + ".");
    }

    public static AwsException fifoOnlyAttribute(String name) {
        return AwsException.client("InvalidAttributeName", "You can specify the " + name + " only when FifoQueue is set to true.");
    }

    public static AwsException invalidAttributeValue(String message) {
        return AwsException.client("InvalidAttributeValue", message);
    }

    public static AwsException invalidParameterValue(String message) {
        return AwsException.client("InvalidParameterValue", message);
    }

    public static AwsException missingParameter(String parameter) {
        return AwsException.client("MissingParameter", "The request must contain the parameter " + parameter + ".");
    }

    public static AwsException invalidMessageContents() {
        return AwsException.client("InvalidMessageContents", "Invalid characters found. Valid unicode characters are"
                + " #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF");
    }

    public static AwsException receiptHandleIsInvalid(String handle) {
        return new AwsException("ReceiptHandleIsInvalid", 404,
                "The input receipt handle \"" + handle + "\" is not a valid receipt handle.");
    }

    public static AwsException messageNotInflight() {
        return AwsException.client("MessageNotInflight", "Message does not exist or is not available for visibility timeout change.");
    }

    /** @param entryShape the operation's entry shape, e.g. SendMessageBatchRequestEntry */
    public static AwsException emptyBatch(String entryShape) {
        return AwsException.client("EmptyBatchRequest", "There should be at least one " + entryShape + " in the request.");
    }

    public static AwsException tooManyEntries(int count) {
        return AwsException.client("TooManyEntriesInBatchRequest", "Maximum number of entries per request are 10. You have sent " + count + ".");
    }

    public static AwsException idsNotDistinct() {
        return AwsException.client("BatchEntryIdsNotDistinct", "Two or more batch entries in the request have the same Id.");
    }

    public static AwsException invalidBatchEntryId() {
        return AwsException.client("InvalidBatchEntryId", "A batch entry id can only contain alphanumeric characters,"
                + " hyphens and underscores. It can be at most 80 letters long.");
    }

    public static AwsException batchRequestTooLong(long max, long sent) {
        return AwsException.client("BatchRequestTooLong",
                "Batch requests cannot be longer than " + max + " bytes. You have sent " + sent + " bytes.");
    }

    public static AwsException purgeQueueInProgress(String queueName) {
        return new AwsException("PurgeQueueInProgress", 403,
                "Only one PurgeQueue operation on " + queueName + " is allowed every 60 seconds.");
    }
}
