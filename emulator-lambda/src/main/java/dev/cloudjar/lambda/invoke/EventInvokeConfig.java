package dev.cloudjar.lambda.invoke;

/**
 * How asynchronous invocations of a function (or qualifier) are retried and where their results
 * go. Null members take Lambda's defaults: 2 retries, 6 hours.
 */
public record EventInvokeConfig(Integer maximumRetryAttempts, Integer maximumEventAgeInSeconds, String onSuccess,
                                String onFailure, long lastModifiedMillis) {
    public static final int DEFAULT_RETRIES = 2;
    public static final int DEFAULT_MAX_AGE_SECONDS = 21600;

    public static EventInvokeConfig defaults() {
        return new EventInvokeConfig(null, null, null, null, 0);
    }

    public int retries() {
        return maximumRetryAttempts == null ? DEFAULT_RETRIES : maximumRetryAttempts;
    }

    public int maxAgeSeconds() {
        return maximumEventAgeInSeconds == null ? DEFAULT_MAX_AGE_SECONDS : maximumEventAgeInSeconds;
    }
}
