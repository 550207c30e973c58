package dev.cloudjar.sqs;

import dev.cloudjar.core.error.AwsException;

/** SQS's errors, by the names of the model's error shapes (the codecs add the query protocol's codes). */
public final class SqsErrors {
    private SqsErrors() {
    }

    public static AwsException queueDoesNotExist() {
        return AwsException.client("QueueDoesNotExist", "The specified queue does not exist.");
    }

    public static AwsException queueNameExists(String name) {
        return AwsException.client("QueueNameExists",
                "A queue already exists with the same name and a different value for attribute(s): " + name);
    }

    public static AwsException invalidAttributeName(String name) {
        return AwsException.client("InvalidAttributeName", "Unknown Attribute " + name + ".");
    }

    public static AwsException invalidAttributeValue(String message) {
        return AwsException.client("InvalidAttributeValue", message);
    }

    public static AwsException invalidParameterValue(String message) {
        return AwsException.client("InvalidParameterValue", message);
    }

    public static AwsException missingParameter(String message) {
        return AwsException.client("MissingParameter", message);
    }

    public static AwsException receiptHandleIsInvalid(String handle) {
        return AwsException.client("ReceiptHandleIsInvalid", "The input receipt handle \"" + handle + "\" is not a valid receipt handle.");
    }

    public static AwsException messageNotInflight() {
        return AwsException.client("MessageNotInflight", "Message does not exist or is not available for visibility timeout change.");
    }

    public static AwsException emptyBatch() {
        return AwsException.client("EmptyBatchRequest", "There should be at least one SendMessageBatchRequestEntry in the request.");
    }

    public static AwsException tooManyEntries(int count) {
        return AwsException.client("TooManyEntriesInBatchRequest", "Maximum number of entries per request are 10. You have sent " + count + ".");
    }

    public static AwsException idsNotDistinct() {
        return AwsException.client("BatchEntryIdsNotDistinct", "Two or more batch entries in the request have the same Id.");
    }
}
