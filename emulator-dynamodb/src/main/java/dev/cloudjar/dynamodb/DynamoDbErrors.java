package dev.cloudjar.dynamodb;

import dev.cloudjar.core.error.AwsException;

/** DynamoDB's errors with AWS's codes and wording. */
public final class DynamoDbErrors {
    private DynamoDbErrors() {
    }

    public static AwsException validation(String message) {
        return AwsException.client("ValidationException", message);
    }

    /** "One or more parameter values were invalid: ..." — AWS's prefix for bad request values. */
    public static AwsException invalidParameter(String detail) {
        return validation("One or more parameter values were invalid: " + detail);
    }

    public static AwsException resourceNotFound() {
        return AwsException.client("ResourceNotFoundException", "Requested resource not found");
    }

    public static AwsException tableNotFound(String tableName) {
        return AwsException.client("ResourceNotFoundException",
                "Requested resource not found: Table: " + tableName + " not found");
    }

    public static AwsException resourceInUse(String message) {
        return AwsException.client("ResourceInUseException", message);
    }

    public static AwsException conditionalCheckFailed() {
        return AwsException.client("ConditionalCheckFailedException", "The conditional request failed");
    }

    public static AwsException provisionedThroughputExceeded() {
        return AwsException.client("ProvisionedThroughputExceededException",
                "The level of configured provisioned throughput for the table was exceeded. "
                        + "Consider increasing your provisioning level with the UpdateTable API.");
    }

    public static AwsException limitExceeded(String message) {
        return AwsException.client("LimitExceededException", message);
    }
}
