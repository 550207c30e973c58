package dev.cloudjar.events.store;

/** An API destination as stored: an HTTP endpoint (with {@code *} path parameters) and the connection that authorizes it. */
public record ApiDestinationRecord(String name, String arn, String description, String connectionArn,
                                   String invocationEndpoint, String httpMethod, int invocationRateLimitPerSecond,
                                   String state, long creationTime, long lastModifiedTime) {
}
