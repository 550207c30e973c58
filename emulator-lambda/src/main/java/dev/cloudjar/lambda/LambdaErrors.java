package dev.cloudjar.lambda;

import dev.cloudjar.core.error.AwsException;

/** Lambda's errors, with the codes, statuses and messages Lambda answers with. */
public final class LambdaErrors {
    private LambdaErrors() {
    }

    public static AwsException functionNotFound(String functionArn) {
        return resourceNotFound("Function not found: " + functionArn);
    }

    public static AwsException resourceNotFound(String message) {
        return new AwsException("ResourceNotFoundException", 404, message).with("Type", "User");
    }

    public static AwsException conflict(String message) {
        return new AwsException("ResourceConflictException", 409, message).with("Type", "User");
    }

    public static AwsException invalidParameter(String message) {
        return new AwsException("InvalidParameterValueException", 400, message).with("Type", "User");
    }

    public static AwsException preconditionFailed() {
        return new AwsException("PreconditionFailedException", 412,
                "The Revision Id provided does not match the latest Revision Id. "
                        + "Call the GetFunction/GetAlias API to retrieve the latest Revision Id").with("Type", "User");
    }

    /** A throttled invoke; the SDKs read Reason to tell account-level from reserved-concurrency throttles. */
    public static AwsException tooManyRequests(String reason) {
        return new AwsException("TooManyRequestsException", 429, "Rate Exceeded.")
                .with("Type", "User").with("Reason", reason).with("retryAfterSeconds", "1");
    }

    /**
     * An oversized request. Lambda's wire code is RequestEntityTooLargeException, not the model's
     * RequestTooLargeException, so the SDKs surface it as their generic service exception.
     */
    public static AwsException requestEntityTooLarge(String message) {
        return new AwsException("RequestEntityTooLargeException", 413, message).with("Type", "User");
    }

    public static AwsException invalidRuntime(String message) {
        return new AwsException("InvalidRuntimeException", 502, message).with("Type", "User");
    }

    public static AwsException provisionedConcurrencyNotFound(String functionArn) {
        return new AwsException("ProvisionedConcurrencyConfigNotFoundException", 404,
                "No Provisioned Concurrency Config found for this function").with("Type", "User");
    }
}
