package dev.cloudjar.core.spi;

/**
 * The partition a request's state lives in: AWS account and region. Services keep every
 * resource under its scope, so tests using different accounts on one server never see each
 * other (moto's BackendDict, LocalStack's account/region stores).
 */
public record Scope(String accountId, String region) {
    public static final String DEFAULT_ACCOUNT = "000000000000";
    public static final String DEFAULT_REGION = "us-east-1";

    /** A storage keyspace name for a resource of a service in this scope. */
    public String keyspace(String service, String resource) {
        return service + "/" + accountId + "/" + region + "/" + resource;
    }
}
