package dev.cloudjar.s3.object;

import dev.cloudjar.core.error.AwsException;
import dev.cloudjar.core.spi.Input;
import dev.cloudjar.core.spi.Output;
import dev.cloudjar.core.spi.RequestContext;
import dev.cloudjar.s3.S3Errors;
import dev.cloudjar.s3.bucket.Buckets;
import dev.cloudjar.s3.notification.Notifications;
import dev.cloudjar.s3.store.BucketRecord;
import dev.cloudjar.s3.store.ObjectVersion;
import dev.cloudjar.s3.store.S3Store;

import java.util.Map;

/** Object tagging (Put/Get/DeleteObjectTagging) and bucket tagging (Put/Get/DeleteBucketTagging). */
public final class TaggingOperations {
    private static final int MAX_BUCKET_TAGS = 50;

    private final S3Store store;
    private final Buckets buckets;
    private final ObjectReader reader;
    private final Notifications notifications;

    public TaggingOperations(S3Store store, Buckets buckets, ObjectReader reader, Notifications notifications) {
        this.store = store;
        this.buckets = buckets;
        this.reader = reader;
        this.notifications = notifications;
    }

    public Output putObjectTagging(RequestContext context, Input input) {
        Input tagging = input.structure("Tagging");
        // An empty body, or a Tagging without its TagSet, does not validate against S3's schema.
        if (tagging == null || tagging.list("TagSet") == null) {
            throw S3Errors.malformedXml();
        }
        Map<String, String> tags = ObjectAttributes.tagSet(tagging.list("TagSet"),
                ObjectAttributes.maxObjectTags(), false);
        return retag(context, input, tags, "ObjectTagging:Put");
    }

    public Output deleteObjectTagging(RequestContext context, Input input) {
        return retag(context, input, Map.of(), "ObjectTagging:Delete");
    }

    private Output retag(RequestContext context, Input input, Map<String, String> tags, String eventName) {
        String bucket = input.string("Bucket");
        String key = input.string("Key");
        ObjectReader.Found found = store.locked(context.accountId(), bucket, key, () -> {
            ObjectReader.Found f = reader.find(context, bucket, key, input.string("VersionId"));
            store.updateVersion(context.accountId(), bucket, f.object().withTags(tags));
            return f;
        });
        notifications.publish(context, found.bucket(), eventName, found.object());
        return Output.of("VersionId", Buckets.visibleVersionId(found.bucket(), found.object().versionId()));
    }

    public Output getObjectTagging(RequestContext context, Input input) {
        String bucket = input.string("Bucket");
        ObjectReader.Found found;
        try {
            found = reader.find(context, bucket, input.string("Key"), input.string("VersionId"));
        } catch (AwsException e) {
            // A quirk of S3's own: this operation's NoSuchKey names the key with its bucket in front.
            if (e.code().equals("NoSuchKey")) {
                throw S3Errors.noSuchKey(bucket + "/" + input.string("Key"));
            }
            throw e;
        }
        ObjectVersion object = found.object();
        return new Output().put("VersionId", Buckets.visibleVersionId(found.bucket(), object.versionId()))
                .put("TagSet", ObjectAttributes.toTagSet(object.tags() == null ? Map.of() : object.tags()));
    }

    public Output putBucketTagging(RequestContext context, Input input) {
        Input tagging = input.structure("Tagging");
        // An empty body, or a Tagging without its TagSet, does not validate against S3's schema.
        if (tagging == null || tagging.list("TagSet") == null) {
            throw S3Errors.malformedXml();
        }
        Map<String, String> tags = ObjectAttributes.tagSet(tagging.list("TagSet"), MAX_BUCKET_TAGS, true);
        buckets.update(context, input.string("Bucket"), b -> b.withTags(tags));
        return Output.empty();
    }

    public Output getBucketTagging(RequestContext context, Input input) {
        BucketRecord bucket = buckets.require(context, input.string("Bucket"));
        if (bucket.tags() == null || bucket.tags().isEmpty()) {
            throw S3Errors.noSuchConfiguration("NoSuchTagSet", "The TagSet does not exist", bucket.name());
        }
        return Output.of("TagSet", ObjectAttributes.toTagSet(bucket.tags()));
    }

    public Output deleteBucketTagging(RequestContext context, Input input) {
        buckets.update(context, input.string("Bucket"), b -> b.withTags(null));
        return Output.empty();
    }
}
