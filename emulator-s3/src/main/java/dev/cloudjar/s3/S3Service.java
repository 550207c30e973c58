package dev.cloudjar.s3;

import dev.cloudjar.core.config.CloudjarConfig;
import dev.cloudjar.core.model.Protocol;
import dev.cloudjar.core.spi.ObjectSource;
import dev.cloudjar.core.spi.OperationTable;
import dev.cloudjar.core.spi.ServiceContext;
import dev.cloudjar.core.spi.ServiceDescriptor;
import dev.cloudjar.core.spi.ServicePlugin;
import dev.cloudjar.s3.access.AccessOperations;
import dev.cloudjar.s3.bucket.BucketOperations;
import dev.cloudjar.s3.bucket.Buckets;
import dev.cloudjar.s3.bucket.ConfigurationOperations;
import dev.cloudjar.s3.bucket.HostingOperations;
import dev.cloudjar.s3.bucket.ProtectionOperations;
import dev.cloudjar.s3.bucket.VersioningOperations;
import dev.cloudjar.s3.cors.Cors;
import dev.cloudjar.s3.lifecycle.LifecycleSweeper;
import dev.cloudjar.s3.listing.ListingOperations;
import dev.cloudjar.s3.multipart.MultipartOperations;
import dev.cloudjar.s3.notification.Notifications;
import dev.cloudjar.s3.object.ObjectOperations;
import dev.cloudjar.s3.object.ObjectReader;
import dev.cloudjar.s3.object.StoredObjects;
import dev.cloudjar.s3.object.TaggingOperations;
import dev.cloudjar.s3.store.S3Store;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Amazon S3 over its REST-XML protocol. S3 is the fallback service: it takes every request no
 * other service claims, as bare paths and virtual hosts ({@code bucket.localhost}) are S3's on AWS.
 */
public final class S3Service implements ServicePlugin {
    private static final ServiceDescriptor DESCRIPTOR = new ServiceDescriptor("s3", "s3", Protocol.REST_XML,
            "dev/cloudjar/s3/s3.json", null, List.of(), true);

    @Override
    public ServiceDescriptor descriptor() {
        return DESCRIPTOR;
    }

    /** How often the lifecycle sweeper runs. */
    public static final String LIFECYCLE_INTERVAL_OPTION = "s3-lifecycle-interval-seconds";
    /** How long a lifecycle "day" lasts (Expiration.Days, NoncurrentDays...): shorten it to test rules. */
    public static final String LIFECYCLE_DAY_OPTION = "s3-lifecycle-day-seconds";

    private ScheduledFuture<?> sweeps;

    @Override
    public List<CloudjarConfig.Option> options() {
        return List.of(
                new CloudjarConfig.Option(LIFECYCLE_INTERVAL_OPTION, "60",
                        "seconds between two passes applying bucket lifecycle expiration"),
                new CloudjarConfig.Option(LIFECYCLE_DAY_OPTION, "86400",
                        "length of a lifecycle day in seconds (shorten it to test Days rules; with a full day,"
                                + " expiry is rounded up to midnight UTC as S3 does)"));
    }

    @Override
    public void start(ServiceContext context, OperationTable operations) {
        S3Store store = new S3Store(context.state(), context.blobs());
        Buckets buckets = new Buckets(store);
        Notifications notifications = new Notifications(context.deliveries(), context.calls());
        ObjectReader reader = new ObjectReader(store, buckets);
        context.capabilities().provide(ObjectSource.class, new StoredObjects(store));

        Cors cors = new Cors(store, buckets);
        operations.on("OptionsObject", cors::preflight)
                .on("OptionsBucket", cors::preflight);

        BucketOperations bucketOps = new BucketOperations(store, buckets);
        operations.on("CreateBucket", bucketOps::createBucket)
                .on("HeadBucket", cors.applied("HEAD", bucketOps::headBucket))
                .on("ListBuckets", bucketOps::listBuckets)
                .on("DeleteBucket", bucketOps::deleteBucket)
                .on("GetBucketLocation", bucketOps::getBucketLocation);

        VersioningOperations versioning = new VersioningOperations(buckets);
        operations.on("PutBucketVersioning", versioning::putBucketVersioning)
                .on("GetBucketVersioning", versioning::getBucketVersioning);

        ObjectOperations objects = new ObjectOperations(store, buckets, reader, notifications);
        operations.on("PutObject", cors.applied("PUT", objects::putObject))
                .on("GetObject", cors.applied("GET", objects::getObject))
                .on("HeadObject", cors.applied("HEAD", objects::headObject))
                .on("DeleteObject", cors.applied("DELETE", objects::deleteObject))
                .on("DeleteObjects", cors.applied("POST", objects::deleteObjects))
                .on("CopyObject", cors.applied("PUT", objects::copyObject))
                .on("GetObjectAttributes", objects::getObjectAttributes);

        ListingOperations listings = new ListingOperations(store, buckets);
        operations.on("ListObjectsV2", cors.applied("GET", listings::listObjectsV2))
                .on("ListObjects", cors.applied("GET", listings::listObjects))
                .on("ListObjectVersions", cors.applied("GET", listings::listObjectVersions));

        MultipartOperations multipart = new MultipartOperations(store, buckets, reader, objects, notifications);
        operations.on("CreateMultipartUpload", cors.applied("POST", multipart::createMultipartUpload))
                .on("UploadPart", cors.applied("PUT", multipart::uploadPart))
                .on("UploadPartCopy", multipart::uploadPartCopy)
                .on("CompleteMultipartUpload", cors.applied("POST", multipart::completeMultipartUpload))
                .on("AbortMultipartUpload", cors.applied("DELETE", multipart::abortMultipartUpload))
                .on("ListParts", cors.applied("GET", multipart::listParts))
                .on("ListMultipartUploads", multipart::listMultipartUploads);

        TaggingOperations tagging = new TaggingOperations(store, buckets, reader, notifications);
        operations.on("PutObjectTagging", cors.applied("PUT", tagging::putObjectTagging))
                .on("GetObjectTagging", cors.applied("GET", tagging::getObjectTagging))
                .on("DeleteObjectTagging", tagging::deleteObjectTagging)
                .on("PutBucketTagging", tagging::putBucketTagging)
                .on("GetBucketTagging", tagging::getBucketTagging)
                .on("DeleteBucketTagging", tagging::deleteBucketTagging);

        long interval = context.config().longOption(LIFECYCLE_INTERVAL_OPTION, 60);
        LifecycleSweeper sweeper = new LifecycleSweeper(store, buckets, notifications, Clock.systemUTC(),
                Duration.ofSeconds(context.config().longOption(LIFECYCLE_DAY_OPTION, 86_400)));
        sweeps = context.periodically("S3 lifecycle sweep", interval, interval, TimeUnit.SECONDS, sweeper::sweep);

        ConfigurationOperations configurations = new ConfigurationOperations(buckets, notifications);
        operations.on("PutBucketPolicy", configurations::putBucketPolicy)
                .on("GetBucketPolicy", configurations::getBucketPolicy)
                .on("DeleteBucketPolicy", configurations::deleteBucketPolicy)
                .on("PutBucketCors", configurations::putBucketCors)
                .on("GetBucketCors", configurations::getBucketCors)
                .on("DeleteBucketCors", configurations::deleteBucketCors)
                .on("PutBucketLifecycleConfiguration", configurations::putBucketLifecycleConfiguration)
                .on("GetBucketLifecycleConfiguration", configurations::getBucketLifecycleConfiguration)
                .on("DeleteBucketLifecycle", configurations::deleteBucketLifecycle)
                .on("PutBucketNotificationConfiguration", configurations::putBucketNotificationConfiguration)
                .on("GetBucketNotificationConfiguration", configurations::getBucketNotificationConfiguration);

        ProtectionOperations protection = new ProtectionOperations(buckets);
        operations.on("PutBucketEncryption", protection::putBucketEncryption)
                .on("GetBucketEncryption", protection::getBucketEncryption)
                .on("DeleteBucketEncryption", protection::deleteBucketEncryption)
                .on("PutBucketReplication", protection::putBucketReplication)
                .on("GetBucketReplication", protection::getBucketReplication)
                .on("DeleteBucketReplication", protection::deleteBucketReplication)
                .on("PutObjectLockConfiguration", protection::putObjectLockConfiguration)
                .on("GetObjectLockConfiguration", protection::getObjectLockConfiguration);

        HostingOperations hosting = new HostingOperations(buckets);
        operations.on("PutBucketWebsite", hosting::putBucketWebsite)
                .on("GetBucketWebsite", hosting::getBucketWebsite)
                .on("DeleteBucketWebsite", hosting::deleteBucketWebsite)
                .on("PutBucketLogging", hosting::putBucketLogging)
                .on("GetBucketLogging", hosting::getBucketLogging)
                .on("PutBucketAccelerateConfiguration", hosting::putBucketAccelerateConfiguration)
                .on("GetBucketAccelerateConfiguration", hosting::getBucketAccelerateConfiguration)
                .on("PutBucketRequestPayment", hosting::putBucketRequestPayment)
                .on("GetBucketRequestPayment", hosting::getBucketRequestPayment);

        AccessOperations access = new AccessOperations(store, buckets, reader);
        operations.on("PutBucketOwnershipControls", access::putBucketOwnershipControls)
                .on("GetBucketOwnershipControls", access::getBucketOwnershipControls)
                .on("DeleteBucketOwnershipControls", access::deleteBucketOwnershipControls)
                .on("PutPublicAccessBlock", access::putPublicAccessBlock)
                .on("GetPublicAccessBlock", access::getPublicAccessBlock)
                .on("DeletePublicAccessBlock", access::deletePublicAccessBlock)
                .on("GetBucketPolicyStatus", access::getBucketPolicyStatus)
                .on("GetBucketAcl", access::getBucketAcl)
                .on("PutBucketAcl", access::putBucketAcl)
                .on("GetObjectAcl", access::getObjectAcl)
                .on("PutObjectAcl", access::putObjectAcl);
    }

    @Override
    public void stop() {
        if (sweeps != null) {
            sweeps.cancel(false);
        }
    }
}
