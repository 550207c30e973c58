package dev.cloudjar.core.spi;

/**
 * Who runs an internal call and on whose behalf: the scope (account and region) the operation
 * runs in, the calling principal (a service principal such as {@code s3.amazonaws.com}, or the
 * user or role a request came from), the source ARN and account of the resource that caused the
 * call (the bucket whose notification fires, the function whose destination is sent to), and the
 * trace to continue (null starts a new one).
 */
public record CallContext(Scope scope, Principal principal, String sourceArn, String sourceAccount,
                          TraceHeader trace) {

    /** A call a service makes itself, as AWS's service principals do: {@code s3.amazonaws.com} for a bucket's notifications. */
    public static CallContext service(String servicePrincipal, Scope scope, String sourceArn, String sourceAccount) {
        return new CallContext(scope, Principal.service(servicePrincipal, scope.accountId()), sourceArn, sourceAccount, null);
    }
}
