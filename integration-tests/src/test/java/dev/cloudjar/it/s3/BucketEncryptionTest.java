package dev.cloudjar.it.s3;

import dev.cloudjar.junit5.Cloudjar;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.model.ServerSideEncryptionRule;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

import java.net.URI;

import static dev.cloudjar.it.fixtures.Clients.s3;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Default bucket encryption (SSE-S3 for every bucket since January 2023) and the object headers it shows in. */
@Cloudjar
class BucketEncryptionTest {
    static S3Client s3;

    @BeforeAll
    static void client(URI endpoint) {
        s3 = s3(endpoint);
    }

    @AfterAll
    static void close() {
        s3.close();
    }

    static S3Exception error(Executable call) {
        return assertThrows(S3Exception.class, call);
    }

    private static ServerSideEncryptionRule rule(String bucket) {
        return s3.getBucketEncryption(b -> b.bucket(bucket)).serverSideEncryptionConfiguration().rules().get(0);
    }

    private static void useKms(String bucket, String keyId) {
        s3.putBucketEncryption(b -> b.bucket(bucket).serverSideEncryptionConfiguration(c -> c.rules(r -> r
                .applyServerSideEncryptionByDefault(d -> d.sseAlgorithm(ServerSideEncryption.AWS_KMS).kmsMasterKeyID(keyId))
                .bucketKeyEnabled(true))));
    }

    @Test
    void aNewBucketAnswersSseS3WithoutBucketKey() {
        s3.createBucket(b -> b.bucket("enc-default"));
        ServerSideEncryptionRule rule = rule("enc-default");
        assertEquals(ServerSideEncryption.AES256, rule.applyServerSideEncryptionByDefault().sseAlgorithm());
        assertNull(rule.applyServerSideEncryptionByDefault().kmsMasterKeyID());
        assertEquals(false, rule.bucketKeyEnabled());
    }

    @Test
    void aPutConfigurationIsAnsweredAndDeletingItRestoresTheDefault() {
        s3.createBucket(b -> b.bucket("enc-kms"));
        useKms("enc-kms", "key-1");
        ServerSideEncryptionRule rule = rule("enc-kms");
        assertEquals(ServerSideEncryption.AWS_KMS, rule.applyServerSideEncryptionByDefault().sseAlgorithm());
        assertEquals("key-1", rule.applyServerSideEncryptionByDefault().kmsMasterKeyID());
        assertEquals(true, rule.bucketKeyEnabled());

        s3.deleteBucketEncryption(b -> b.bucket("enc-kms"));
        assertEquals(ServerSideEncryption.AES256, rule("enc-kms").applyServerSideEncryptionByDefault().sseAlgorithm());
    }

    @Test
    void objectsAreReportedAsSseS3ByEveryWriteAndRead() {
        s3.createBucket(b -> b.bucket("enc-objects"));
        PutObjectResponse put = s3.putObject(b -> b.bucket("enc-objects").key("a"), RequestBody.fromString("a"));
        assertEquals(ServerSideEncryption.AES256, put.serverSideEncryption());
        assertNull(put.ssekmsKeyId());
        HeadObjectResponse head = s3.headObject(b -> b.bucket("enc-objects").key("a"));
        assertEquals(ServerSideEncryption.AES256, head.serverSideEncryption());
        GetObjectResponse get = s3.getObjectAsBytes(b -> b.bucket("enc-objects").key("a")).response();
        assertEquals(ServerSideEncryption.AES256, get.serverSideEncryption());
        assertEquals(ServerSideEncryption.AES256, s3.copyObject(b -> b.sourceBucket("enc-objects").sourceKey("a")
                .destinationBucket("enc-objects").destinationKey("b")).serverSideEncryption());
    }

    @Test
    void objectsTakeTheBucketsKmsDefaultUnlessTheyAskForTheirOwn() {
        s3.createBucket(b -> b.bucket("enc-kms-objects"));
        useKms("enc-kms-objects", "arn:aws:kms:us-east-1:000000000000:key/k1");
        PutObjectResponse put = s3.putObject(b -> b.bucket("enc-kms-objects").key("kms"), RequestBody.fromString("k"));
        assertEquals(ServerSideEncryption.AWS_KMS, put.serverSideEncryption());
        assertEquals("arn:aws:kms:us-east-1:000000000000:key/k1", put.ssekmsKeyId());
        assertEquals(true, put.bucketKeyEnabled());
        HeadObjectResponse head = s3.headObject(b -> b.bucket("enc-kms-objects").key("kms"));
        assertEquals(ServerSideEncryption.AWS_KMS, head.serverSideEncryption());
        assertEquals("arn:aws:kms:us-east-1:000000000000:key/k1", head.ssekmsKeyId());

        PutObjectResponse own = s3.putObject(b -> b.bucket("enc-kms-objects").key("own")
                .serverSideEncryption(ServerSideEncryption.AES256), RequestBody.fromString("o"));
        assertEquals(ServerSideEncryption.AES256, own.serverSideEncryption());
        assertNull(own.ssekmsKeyId());
        assertEquals(ServerSideEncryption.AES256, s3.headObject(b -> b.bucket("enc-kms-objects").key("own"))
                .serverSideEncryption());
    }

    @Test
    void aMultipartUploadKeepsTheEncryptionItStartedWith() {
        s3.createBucket(b -> b.bucket("enc-multipart"));
        CreateMultipartUploadResponse created = s3.createMultipartUpload(b -> b.bucket("enc-multipart").key("mp")
                .serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId("key-2"));
        assertEquals(ServerSideEncryption.AWS_KMS, created.serverSideEncryption());
        assertEquals("key-2", created.ssekmsKeyId());
        UploadPartResponse part = s3.uploadPart(b -> b.bucket("enc-multipart").key("mp").uploadId(created.uploadId())
                .partNumber(1), RequestBody.fromString("part"));
        assertEquals(ServerSideEncryption.AWS_KMS, part.serverSideEncryption());
        s3.putObject(b -> b.bucket("enc-multipart").key("source"), RequestBody.fromString("source"));
        assertEquals(ServerSideEncryption.AWS_KMS, s3.uploadPartCopy(b -> b.sourceBucket("enc-multipart").sourceKey("source")
                .destinationBucket("enc-multipart").destinationKey("mp").uploadId(created.uploadId()).partNumber(2))
                .serverSideEncryption());
        var completed = s3.completeMultipartUpload(b -> b.bucket("enc-multipart").key("mp").uploadId(created.uploadId())
                .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag(part.eTag()).build())));
        assertEquals(ServerSideEncryption.AWS_KMS, completed.serverSideEncryption());
        assertEquals("key-2", completed.ssekmsKeyId());
        assertEquals("key-2", s3.headObject(b -> b.bucket("enc-multipart").key("mp")).ssekmsKeyId());
    }

    @Test
    void anUnknownAlgorithmOnAnObjectIsAnInvalidArgument() {
        s3.createBucket(b -> b.bucket("enc-invalid"));
        S3Exception e = error(() -> s3.putObject(b -> b.bucket("enc-invalid").key("x").serverSideEncryption("AES512"),
                RequestBody.fromString("x")));
        assertEquals("InvalidArgument", e.awsErrorDetails().errorCode());
        assertEquals("The encryption method specified is not supported", e.awsErrorDetails().errorMessage());
        assertEquals(400, e.statusCode());
    }

    @Test
    void aKmsKeyWithSseS3IsRefusedAndAnUnknownAlgorithmIsMalformed() {
        s3.createBucket(b -> b.bucket("enc-bad-config"));
        S3Exception keyWithAes = error(() -> s3.putBucketEncryption(b -> b.bucket("enc-bad-config")
                .serverSideEncryptionConfiguration(c -> c.rules(r -> r.applyServerSideEncryptionByDefault(d -> d
                        .sseAlgorithm(ServerSideEncryption.AES256).kmsMasterKeyID("k"))))));
        assertEquals("InvalidArgument", keyWithAes.awsErrorDetails().errorCode());
        assertEquals("a KMSMasterKeyID is not applicable if the default sse algorithm is not aws:kms or aws:kms:dsse",
                keyWithAes.awsErrorDetails().errorMessage());
        S3Exception unknown = error(() -> s3.putBucketEncryption(b -> b.bucket("enc-bad-config")
                .serverSideEncryptionConfiguration(c -> c.rules(r -> r.applyServerSideEncryptionByDefault(d -> d
                        .sseAlgorithm("DES"))))));
        assertEquals("MalformedXML", unknown.awsErrorDetails().errorCode());
        assertTrue(rule("enc-bad-config").applyServerSideEncryptionByDefault().kmsMasterKeyID() == null);
    }

    @Test
    void aMissingBucketIsNoSuchBucket() {
        S3Exception e = error(() -> s3.getBucketEncryption(b -> b.bucket("enc-missing")));
        assertEquals("NoSuchBucket", e.awsErrorDetails().errorCode());
        assertEquals(404, e.statusCode());
    }
}
