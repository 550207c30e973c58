package dev.cloudjar.s3.bucket;

import dev.cloudjar.core.spi.Input;
import dev.cloudjar.core.spi.Output;
import dev.cloudjar.core.spi.RequestContext;
import dev.cloudjar.s3.S3Errors;
import dev.cloudjar.s3.store.BucketRecord;

/** PutBucketVersioning and GetBucketVersioning. */
public final class VersioningOperations {
    private final Buckets buckets;

    public VersioningOperations(Buckets buckets) {
        this.buckets = buckets;
    }

    public Output putBucketVersioning(RequestContext context, Input input) {
        Input configuration = input.structure("VersioningConfiguration");
        String status = configuration == null ? null : configuration.string("Status");
        if (!"Enabled".equals(status) && !"Suspended".equals(status)) {
            throw S3Errors.malformedXml();
        }
        String name = input.string("Bucket");
        buckets.update(context, name, b -> {
            if (!status.equals("Enabled") && b.setting(ProtectionOperations.OBJECT_LOCK) != null) {
                throw S3Errors.invalidBucketState("An Object Lock configuration is present on this bucket, so the"
                        + " versioning state cannot be changed.");
            }
            return b.withVersioning(status);
        });
        return Output.empty();
    }

    public Output getBucketVersioning(RequestContext context, Input input) {
        BucketRecord bucket = buckets.require(context, input.string("Bucket"));
        return Output.of("Status", bucket.versioning());
    }
}
