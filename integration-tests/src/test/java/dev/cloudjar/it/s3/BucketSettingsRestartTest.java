package dev.cloudjar.it.s3;

import dev.cloudjar.core.config.CloudjarConfig;
import dev.cloudjar.core.server.CloudjarServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ObjectCannedACL;
import software.amazon.awssdk.services.s3.model.ObjectOwnership;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

import java.net.URI;
import java.nio.file.Path;

import static dev.cloudjar.it.fixtures.Clients.s3;
import static dev.cloudjar.it.s3.BucketAccessTest.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Bucket configurations are kept with the bucket: across a restart on a data dir, and gone with the bucket. */
class BucketSettingsRestartTest {
    static final String BUCKET = "kept-settings";

    @Test
    void configurationsOutliveARestartAndDieWithTheBucket(@TempDir Path dataDir) {
        CloudjarConfig config = CloudjarConfig.builder().port(0).dataDir(dataDir).build();
        try (CloudjarServer first = CloudjarServer.start(config); S3Client s3 = s3(URI.create(first.endpoint()))) {
            s3.createBucket(b -> b.bucket(BUCKET).objectOwnership(ObjectOwnership.OBJECT_WRITER));
            s3.putBucketEncryption(b -> b.bucket(BUCKET).serverSideEncryptionConfiguration(c -> c.rules(r -> r
                    .applyServerSideEncryptionByDefault(d -> d.sseAlgorithm(ServerSideEncryption.AWS_KMS).kmsMasterKeyID("k")))));
            s3.deletePublicAccessBlock(b -> b.bucket(BUCKET));
            s3.putBucketWebsite(b -> b.bucket(BUCKET).websiteConfiguration(w -> w.indexDocument(i -> i.suffix("index.html"))));
            s3.putObject(b -> b.bucket(BUCKET).key("page").acl(ObjectCannedACL.PUBLIC_READ), RequestBody.fromString("p"));
        }
        try (CloudjarServer second = CloudjarServer.start(config); S3Client s3 = s3(URI.create(second.endpoint()))) {
            assertEquals("k", s3.getBucketEncryption(b -> b.bucket(BUCKET)).serverSideEncryptionConfiguration().rules()
                    .get(0).applyServerSideEncryptionByDefault().kmsMasterKeyID());
            assertEquals(ObjectOwnership.OBJECT_WRITER, s3.getBucketOwnershipControls(b -> b.bucket(BUCKET))
                    .ownershipControls().rules().get(0).objectOwnership());
            assertError("NoSuchPublicAccessBlockConfiguration", 404, "The public access block configuration was not found",
                    () -> s3.getPublicAccessBlock(b -> b.bucket(BUCKET)));
            assertEquals("index.html", s3.getBucketWebsite(b -> b.bucket(BUCKET)).indexDocument().suffix());
            assertEquals(2, s3.getObjectAcl(b -> b.bucket(BUCKET).key("page")).grants().size());
            assertEquals("k", s3.headObject(b -> b.bucket(BUCKET).key("page")).ssekmsKeyId());

            s3.deleteObject(b -> b.bucket(BUCKET).key("page"));
            s3.deleteBucket(b -> b.bucket(BUCKET));
            s3.createBucket(b -> b.bucket(BUCKET));
            assertEquals(ServerSideEncryption.AES256, s3.getBucketEncryption(b -> b.bucket(BUCKET))
                    .serverSideEncryptionConfiguration().rules().get(0).applyServerSideEncryptionByDefault().sseAlgorithm());
            assertEquals(ObjectOwnership.BUCKET_OWNER_ENFORCED, s3.getBucketOwnershipControls(b -> b.bucket(BUCKET))
                    .ownershipControls().rules().get(0).objectOwnership());
            assertEquals(true, s3.getPublicAccessBlock(b -> b.bucket(BUCKET)).publicAccessBlockConfiguration()
                    .blockPublicPolicy());
            assertError("NoSuchWebsiteConfiguration", 404, "The specified bucket does not have a website configuration",
                    () -> s3.getBucketWebsite(b -> b.bucket(BUCKET)));
        }
    }
}
