package dev.cloudjar.s3.bucket;

import dev.cloudjar.core.error.AwsException;
import dev.cloudjar.core.spi.Input;
import dev.cloudjar.core.spi.Output;
import dev.cloudjar.core.spi.RequestContext;
import dev.cloudjar.s3.S3Errors;

import java.util.Map;
import java.util.Set;

/**
 * How a bucket is served: static website, server access logging, Transfer Acceleration and who
 * pays for requests. Stored and answered as S3 does; none of them changes how Cloudjar serves.
 */
public final class HostingOperations {
    private static final String WEBSITE = "WebsiteConfiguration";
    private static final String LOGGING = "BucketLoggingStatus";
    private static final String ACCELERATE = "AccelerateConfiguration";
    private static final String REQUEST_PAYMENT = "RequestPaymentConfiguration";

    private final Buckets buckets;

    public HostingOperations(Buckets buckets) {
        this.buckets = buckets;
    }

    public Output putBucketWebsite(RequestContext context, Input input) {
        Map<String, Object> configuration = input.map(WEBSITE);
        if (configuration == null) {
            throw S3Errors.malformedXml();
        }
        if (configuration.get("IndexDocument") == null && configuration.get("RedirectAllRequestsTo") == null) {
            throw S3Errors.invalidArgument("A value for IndexDocument Suffix must be provided if RedirectAllRequestsTo"
                    + " is empty", "IndexDocument");
        }
        buckets.putSetting(context, input.string("Bucket"), WEBSITE, configuration);
        return Output.empty();
    }

    public Output getBucketWebsite(RequestContext context, Input input) {
        Map<String, Object> document = buckets.requireSetting(context, input.string("Bucket"), WEBSITE,
                "NoSuchWebsiteConfiguration", "The specified bucket does not have a website configuration");
        return members(document);
    }

    public Output deleteBucketWebsite(RequestContext context, Input input) {
        buckets.putSetting(context, input.string("Bucket"), WEBSITE, null);
        return Output.empty();
    }

    /** An empty BucketLoggingStatus turns logging off; a target must be one of the caller's buckets. */
    public Output putBucketLogging(RequestContext context, Input input) {
        Map<String, Object> status = input.map(LOGGING);
        Map<?, ?> enabled = status == null ? null : (Map<?, ?>) status.get("LoggingEnabled");
        if (enabled != null) {
            String target = String.valueOf(enabled.get("TargetBucket"));
            try {
                buckets.require(context, target);
            } catch (AwsException e) {
                throw new AwsException("InvalidTargetBucketForLogging", 400,
                        "The target bucket for logging does not exist").with("TargetBucket", target);
            }
        }
        buckets.putSetting(context, input.string("Bucket"), LOGGING, enabled == null ? null : status);
        return Output.empty();
    }

    /** Logging that was never enabled answers an empty BucketLoggingStatus. */
    public Output getBucketLogging(RequestContext context, Input input) {
        return members(buckets.require(context, input.string("Bucket")).setting(LOGGING));
    }

    public Output putBucketAccelerateConfiguration(RequestContext context, Input input) {
        Map<String, Object> configuration = input.map(ACCELERATE);
        checkOneOf(configuration, "Status", Set.of("Enabled", "Suspended"));
        String name = input.string("Bucket");
        // Accelerated endpoints are virtual-hosted over TLS, which a dotted name would break.
        if (name.contains(".")) {
            throw S3Errors.invalidRequest("S3 Transfer Acceleration is not supported for buckets with periods (.) in"
                    + " their names");
        }
        buckets.putSetting(context, name, ACCELERATE, configuration);
        return Output.empty();
    }

    /** A bucket that never had acceleration configured answers no Status at all. */
    public Output getBucketAccelerateConfiguration(RequestContext context, Input input) {
        return members(buckets.require(context, input.string("Bucket")).setting(ACCELERATE));
    }

    public Output putBucketRequestPayment(RequestContext context, Input input) {
        Map<String, Object> configuration = input.map(REQUEST_PAYMENT);
        checkOneOf(configuration, "Payer", Set.of("Requester", "BucketOwner"));
        buckets.putSetting(context, input.string("Bucket"), REQUEST_PAYMENT, configuration);
        return Output.empty();
    }

    public Output getBucketRequestPayment(RequestContext context, Input input) {
        Map<String, Object> configuration = buckets.require(context, input.string("Bucket")).setting(REQUEST_PAYMENT);
        return Output.of("Payer", configuration == null ? "BucketOwner" : configuration.get("Payer"));
    }

    /** A value outside the schema's enumeration fails validation, as S3's own XML schema does. */
    private static void checkOneOf(Map<String, Object> configuration, String member, Set<String> allowed) {
        Object value = configuration == null ? null : configuration.get(member);
        if (!allowed.contains(String.valueOf(value))) {
            throw S3Errors.malformedXml();
        }
    }

    private static Output members(Map<String, Object> document) {
        Output out = new Output();
        if (document != null) {
            document.forEach(out::put);
        }
        return out;
    }
}
