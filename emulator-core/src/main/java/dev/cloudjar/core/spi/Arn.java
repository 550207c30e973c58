package dev.cloudjar.core.spi;

/**
 * An Amazon Resource Name split into its parts: {@code arn:partition:service:region:account:resource}.
 * Region and account are empty where the service leaves them out ({@code arn:aws:s3:::bucket}).
 */
public record Arn(String partition, String service, String region, String account, String resource) {

    /** A regional resource's ARN in the scope's account and region, in the aws partition. */
    public static Arn of(String service, Scope scope, String resource) {
        return new Arn("aws", service, scope.region(), scope.accountId(), resource);
    }

    /** A global service's ARN (IAM, STS): no region. */
    public static Arn global(String service, String account, String resource) {
        return new Arn("aws", service, "", account, resource);
    }

    /** @throws IllegalArgumentException for a string that is not an ARN */
    public static Arn parse(String arn) {
        String[] parts = arn == null ? new String[0] : arn.split(":", 6);
        if (parts.length < 6 || !parts[0].equals("arn") || parts[1].isEmpty() || parts[2].isEmpty()) {
            throw new IllegalArgumentException("not an ARN: " + arn);
        }
        return new Arn(parts[1], parts[2], parts[3], parts[4], parts[5]);
    }

    /** The scope a regional resource lives in. */
    public Scope scope() {
        return new Scope(account, region);
    }

    /** The principal the service acts as when it calls another, e.g. {@code s3.amazonaws.com}. */
    public String servicePrincipal() {
        return service + ".amazonaws.com";
    }

    @Override
    public String toString() {
        return "arn:" + partition + ":" + service + ":" + region + ":" + account + ":" + resource;
    }
}
