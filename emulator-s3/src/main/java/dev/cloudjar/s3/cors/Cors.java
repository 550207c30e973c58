package dev.cloudjar.s3.cors;

import dev.cloudjar.core.error.AwsException;
import dev.cloudjar.core.spi.Input;
import dev.cloudjar.core.spi.OperationHandler;
import dev.cloudjar.core.spi.Output;
import dev.cloudjar.core.spi.RequestContext;
import dev.cloudjar.s3.bucket.Buckets;
import dev.cloudjar.s3.store.BucketRecord;
import dev.cloudjar.s3.store.Documents;
import dev.cloudjar.s3.store.S3Store;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * CORS as S3 answers it from a bucket's configuration: browser preflight requests
 * ({@code OPTIONS}, unsigned) and the Access-Control-* headers of requests that carry an Origin
 * the configuration allows. The first rule that allows the origin and method wins.
 */
public final class Cors {
    private static final String VARY = "Origin, Access-Control-Request-Headers, Access-Control-Request-Method";
    private static final String NOT_ALLOWED = "This CORS request is not allowed. This is usually because the evalution"
            + " of Origin, request method / Access-Control-Request-Method or Access-Control-Request-Headers are not"
            + " whitelisted by the resource's CORS spec.";

    private final S3Store store;
    private final Buckets buckets;

    public Cors(S3Store store, Buckets buckets) {
        this.store = store;
        this.buckets = buckets;
    }

    /** OPTIONS on a bucket or an object: the preflight answer, or 403 CORSResponse. */
    public Output preflight(RequestContext context, Input input) {
        String origin = input.string("Origin");
        if (origin == null) {
            throw new AwsException("BadRequest", 400, "Insufficient information. Origin request header needed.");
        }
        String method = input.string("AccessControlRequestMethod");
        if (method == null) {
            throw new AwsException("BadRequest", 400, "Invalid Access-Control-Request-Method: null");
        }
        BucketRecord bucket = buckets.require(context, input.string("Bucket"));
        if (bucket.cors() == null) {
            throw new AwsException("CORSResponse", 403, "CORS is not enabled for this bucket.");
        }
        List<String> requested = headerList(input.string("AccessControlRequestHeaders"));
        CorsRule rule = rules(bucket).stream().filter(r -> r.allows(origin, method, requested)).findFirst()
                .orElseThrow(() -> new AwsException("CORSResponse", 403, NOT_ALLOWED));
        Output out = allowed(new Output(), rule, origin);
        if (!requested.isEmpty()) {
            out.header("Access-Control-Allow-Headers", String.join(", ", requested));
        }
        return out;
    }

    /**
     * The handler with CORS response headers added when the request's Origin is allowed to use
     * {@code method} on the bucket; the bucket is read only for requests that carry an Origin.
     */
    public OperationHandler applied(String method, OperationHandler handler) {
        return (context, input) -> {
            Output output = handler.handle(context, input);
            String origin = input.string("Origin");
            if (origin != null && output.pending() == null) {
                matching(context, input.string("Bucket"), origin, method).ifPresent(rule -> allowed(output, rule, origin));
            }
            return output;
        };
    }

    private Optional<CorsRule> matching(RequestContext context, String bucketName, String origin, String method) {
        return store.bucket(context.accountId(), bucketName).filter(b -> b.cors() != null)
                .flatMap(b -> rules(b).stream().filter(r -> r.allows(origin, method, List.of())).findFirst());
    }

    private static Output allowed(Output out, CorsRule rule, String origin) {
        out.header("Access-Control-Allow-Origin", rule.anyOrigin() ? "*" : origin)
                .header("Access-Control-Allow-Methods", String.join(", ", rule.allowedMethods()));
        if (!rule.anyOrigin()) {
            out.header("Access-Control-Allow-Credentials", "true");
        }
        if (!rule.exposeHeaders().isEmpty()) {
            out.header("Access-Control-Expose-Headers", String.join(", ", rule.exposeHeaders()));
        }
        if (rule.maxAgeSeconds() != null) {
            out.header("Access-Control-Max-Age", rule.maxAgeSeconds().toString());
        }
        return out.header("Vary", VARY);
    }

    private static List<CorsRule> rules(BucketRecord bucket) {
        Object rules = Documents.restored(bucket.cors()).get("CORSRules");
        return rules instanceof List<?> list ? list.stream().map(r -> CorsRule.of((Map<?, ?>) r)).toList() : List.of();
    }

    private static List<String> headerList(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
