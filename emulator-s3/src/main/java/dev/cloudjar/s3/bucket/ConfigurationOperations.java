package dev.cloudjar.s3.bucket;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.cloudjar.core.error.AwsException;
import dev.cloudjar.core.spi.Input;
import dev.cloudjar.core.spi.Output;
import dev.cloudjar.core.spi.RecordJson;
import dev.cloudjar.core.spi.RequestContext;
import dev.cloudjar.s3.S3Errors;
import dev.cloudjar.s3.access.AccessOperations;
import dev.cloudjar.s3.access.Acls;
import dev.cloudjar.s3.notification.Notifications;
import dev.cloudjar.s3.store.BucketRecord;
import dev.cloudjar.s3.store.Documents;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Bucket configurations kept as sent and returned as stored: policy (enforced later, with IAM),
 * CORS, lifecycle and notifications.
 */
public final class ConfigurationOperations {
    private static final Set<String> CORS_METHODS = Set.of("GET", "PUT", "HEAD", "POST", "DELETE");

    private final Buckets buckets;
    private final Notifications notifications;

    public ConfigurationOperations(Buckets buckets, Notifications notifications) {
        this.buckets = buckets;
        this.notifications = notifications;
    }

    public Output putBucketPolicy(RequestContext context, Input input) {
        String policy = input.string("Policy");
        try {
            if (policy == null || !RecordJson.mapper().readTree(policy).isObject()) {
                throw malformedPolicy();
            }
        } catch (JsonProcessingException e) {
            throw malformedPolicy();
        }
        buckets.update(context, input.string("Bucket"), b -> {
            if (Acls.blocks(b, "BlockPublicPolicy") && AccessOperations.isPublic(policy)) {
                throw publicPolicyBlocked(context, b.name());
            }
            return b.withPolicy(policy);
        });
        return Output.empty();
    }

    /** S3 words this AccessDenied as IAM does, naming the caller. */
    private static AwsException publicPolicyBlocked(RequestContext context, String bucket) {
        String caller = context.principal() == null || context.principal().arn() == null ? "anonymous"
                : context.principal().arn();
        return new AwsException("AccessDenied", 403, "User: " + caller + " is not authorized to perform:"
                + " s3:PutBucketPolicy on resource: \"arn:aws:s3:::" + bucket + "\" because public policies are"
                + " blocked by the BlockPublicPolicy block public access setting.");
    }

    private static AwsException malformedPolicy() {
        return new AwsException("MalformedPolicy", 400, "Policies must be valid JSON and the first byte must be '{'");
    }

    public Output getBucketPolicy(RequestContext context, Input input) {
        BucketRecord bucket = buckets.require(context, input.string("Bucket"));
        if (bucket.policy() == null) {
            throw S3Errors.noSuchConfiguration("NoSuchBucketPolicy", "The bucket policy does not exist", bucket.name());
        }
        return Output.of("Policy", bucket.policy());
    }

    public Output deleteBucketPolicy(RequestContext context, Input input) {
        buckets.update(context, input.string("Bucket"), b -> b.withPolicy(null));
        return Output.empty();
    }

    public Output putBucketCors(RequestContext context, Input input) {
        Map<String, Object> configuration = input.map("CORSConfiguration");
        List<?> rules = configuration == null ? null : (List<?>) configuration.get("CORSRules");
        if (rules == null || rules.isEmpty()) {
            throw S3Errors.malformedXml();
        }
        for (Object rule : rules) {
            Object methods = ((Map<?, ?>) rule).get("AllowedMethods");
            for (Object method : methods instanceof List<?> l ? l : List.of()) {
                if (!CORS_METHODS.contains(String.valueOf(method))) {
                    throw S3Errors.invalidRequest("Found unsupported HTTP method in CORS config. Unsupported method is " + method);
                }
            }
        }
        buckets.update(context, input.string("Bucket"), b -> b.withCors(Documents.storable(configuration)));
        return Output.empty();
    }

    public Output getBucketCors(RequestContext context, Input input) {
        BucketRecord bucket = buckets.require(context, input.string("Bucket"));
        if (bucket.cors() == null) {
            throw S3Errors.noSuchConfiguration("NoSuchCORSConfiguration", "The CORS configuration does not exist", bucket.name());
        }
        return Output.of("CORSRules", Documents.restored(bucket.cors()).get("CORSRules"));
    }

    public Output deleteBucketCors(RequestContext context, Input input) {
        buckets.update(context, input.string("Bucket"), b -> b.withCors(null));
        return Output.empty();
    }

    public Output putBucketLifecycleConfiguration(RequestContext context, Input input) {
        Map<String, Object> configuration = input.map("LifecycleConfiguration");
        List<?> rules = configuration == null ? null : (List<?>) configuration.get("Rules");
        if (rules == null || rules.isEmpty()) {
            throw S3Errors.malformedXml();
        }
        for (Object rule : rules) {
            String status = String.valueOf(((Map<?, ?>) rule).get("Status"));
            if (!status.equals("Enabled") && !status.equals("Disabled")) {
                throw S3Errors.malformedXml();
            }
        }
        buckets.update(context, input.string("Bucket"), b -> b.withLifecycle(Documents.storable(configuration)));
        return Output.empty();
    }

    public Output getBucketLifecycleConfiguration(RequestContext context, Input input) {
        BucketRecord bucket = buckets.require(context, input.string("Bucket"));
        if (bucket.lifecycle() == null) {
            throw S3Errors.noSuchConfiguration("NoSuchLifecycleConfiguration", "The lifecycle configuration does not exist",
                    bucket.name());
        }
        return Output.of("Rules", Documents.restored(bucket.lifecycle()).get("Rules"));
    }

    public Output deleteBucketLifecycle(RequestContext context, Input input) {
        buckets.update(context, input.string("Bucket"), b -> b.withLifecycle(null));
        return Output.empty();
    }

    public Output putBucketNotificationConfiguration(RequestContext context, Input input) {
        Map<String, Object> configuration = input.map("NotificationConfiguration");
        Map<String, Object> checked = configuration == null ? Map.of() : configuration;
        String bucket = input.string("Bucket");
        buckets.require(context, bucket);
        notifications.validate(context, bucket, checked);
        buckets.update(context, bucket, b -> b.withNotification(Documents.storable(checked)));
        notifications.sendTestEvents(context, bucket, checked);
        return Output.empty();
    }

    /** A bucket without a configuration answers an empty one, not an error. */
    public Output getBucketNotificationConfiguration(RequestContext context, Input input) {
        BucketRecord bucket = buckets.require(context, input.string("Bucket"));
        Output out = new Output();
        if (bucket.notification() != null) {
            Documents.restored(bucket.notification()).forEach(out::put);
        }
        return out;
    }
}
