package dev.cloudjar.sns;

import dev.cloudjar.core.error.AwsException;

/**
 * SNS's errors by their query codes; the model gives each its status. SNS words most refusals as
 * {@code Invalid parameter: <what>}, some with {@code Reason: <why>} after it.
 */
public final class SnsErrors {
    /** SNS's list operations answer 100 items a page. */
    public static final int PAGE_SIZE = 100;

    private SnsErrors() {
    }

    /** InvalidParameter (400): "Invalid parameter: TopicArn". */
    public static AwsException invalidParameter(String what) {
        return AwsException.client("InvalidParameter", "Invalid parameter: " + what);
    }

    /** InvalidParameter (400): "Invalid parameter: Attributes Reason: ...". */
    public static AwsException invalidParameter(String what, String reason) {
        return invalidParameter(what + " Reason: " + reason);
    }

    /** InvalidParameterValueException, whose wire code is ParameterValueInvalid (400). */
    public static AwsException parameterValueInvalid(String message) {
        return AwsException.client("ParameterValueInvalid", message);
    }

    public static AwsException topicNotFound() {
        return new AwsException("NotFound", 404, "Topic does not exist");
    }

    public static AwsException subscriptionNotFound() {
        return new AwsException("NotFound", 404, "Subscription does not exist");
    }

    /** The tagging operations' own error for a resource that is not there. */
    public static AwsException resourceNotFound() {
        return new AwsException("ResourceNotFound", 404, "Resource does not exist");
    }

    public static AwsException tagLimitExceeded() {
        return AwsException.client("TagLimitExceeded", "Could not complete request: tag quota of per resource exceeded");
    }

    public static AwsException emptyBatch() {
        return AwsException.client("EmptyBatchRequest", "The batch request doesn't contain any entries.");
    }

    public static AwsException tooManyEntries(int count) {
        return AwsException.client("TooManyEntriesInBatchRequest",
                "The batch request contains more entries than permissible. " + count + " entries were sent; at most 10 are allowed.");
    }

    public static AwsException idsNotDistinct() {
        return AwsException.client("BatchEntryIdsNotDistinct", "Two or more batch entries in the request have the same Id.");
    }

    public static AwsException invalidBatchEntryId() {
        return AwsException.client("InvalidBatchEntryId", "A batch entry id can only contain alphanumeric characters,"
                + " hyphens and underscores. It can be at most 80 letters long.");
    }

    public static AwsException batchRequestTooLong() {
        return AwsException.client("BatchRequestTooLong", "The length of all the messages put together is more than the limit.");
    }
}
