package com.example.orders;

import dev.cloudjar.junit5.Cloudjar;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Mostly S3; its function "orders" is Node.js. Its methods run concurrently with each other and with the other classes. */
@Cloudjar
class BucketsTest {
    private static final String OWNER = BucketsTest.class.getSimpleName();
    private static Aws aws;

    @BeforeAll
    static void createTheSameNamesAsTheOtherClasses(URI endpoint) {
        AllAtOnce.serverStarted(BucketsTest.class, endpoint);
        aws = Aws.at(endpoint);
        try {
            SameNames.create(aws, OWNER, FunctionCode.NODE_OWNER);
        } finally {
            AllAtOnce.resourcesCreated();
        }
    }

    @AfterAll
    static void closeClients() {
        aws.close();
    }

    @Test
    void seesOnlyItsOwnOrders(URI endpoint) {
        AllAtOnce.assertFourServersOnFourEndpoints(BucketsTest.class, endpoint);
        SameNames.assertSeesOnlyItsOwn(aws, OWNER);
    }

    @Test
    void listsKeysByPrefixPageByPage() {
        List<String> keys = IntStream.range(0, 25).mapToObj(i -> String.format("batch/order-%02d.json", i)).toList();
        for (String key : keys) {
            aws.s3().putObject(b -> b.bucket(SameNames.BUCKET).key(key), RequestBody.fromString(SameNames.ownerJson(OWNER)));
        }
        List<String> listed = new ArrayList<>();
        int pages = 0;
        for (var page : aws.s3().listObjectsV2Paginator(b -> b.bucket(SameNames.BUCKET).prefix("batch/").maxKeys(10))) {
            pages++;
            page.contents().stream().map(S3Object::key).forEach(listed::add);
        }
        assertEquals(keys, listed);
        assertEquals(3, pages);

        List<String> folders = aws.s3().listObjectsV2(b -> b.bucket(SameNames.BUCKET).delimiter("/")).commonPrefixes()
                .stream().map(CommonPrefix::prefix).toList();
        assertTrue(folders.containsAll(List.of("batch/", "placed-by/")), folders.toString());
    }

    @Test
    void copiesAndDeletesObjects() {
        aws.s3().putObject(b -> b.bucket(SameNames.BUCKET).key("drafts/order-7.json"), RequestBody.fromString("{\"total\":7}"));
        aws.s3().copyObject(b -> b.sourceBucket(SameNames.BUCKET).sourceKey("drafts/order-7.json")
                .destinationBucket(SameNames.BUCKET).destinationKey("final/order-7.json"));
        assertEquals("{\"total\":7}", aws.s3().getObjectAsBytes(b -> b.bucket(SameNames.BUCKET).key("final/order-7.json"))
                .asUtf8String());

        assertEquals(2, aws.s3().deleteObjects(b -> b.bucket(SameNames.BUCKET).delete(d -> d.objects(
                ObjectIdentifier.builder().key("drafts/order-7.json").build(),
                ObjectIdentifier.builder().key("final/order-7.json").build()))).deleted().size());
        assertThrows(NoSuchKeyException.class, () -> aws.s3().headObject(b -> b.bucket(SameNames.BUCKET)
                .key("final/order-7.json")));
    }

    @Test
    void uploadsAnExportInParts() {
        byte[] first = new byte[5 * 1024 * 1024];
        Arrays.fill(first, (byte) 'a');
        byte[] second = (OWNER + "\n").getBytes(StandardCharsets.UTF_8);
        String key = "exports/orders.csv";
        String upload = aws.s3().createMultipartUpload(b -> b.bucket(SameNames.BUCKET).key(key)).uploadId();
        String etag1 = aws.s3().uploadPart(b -> b.bucket(SameNames.BUCKET).key(key).uploadId(upload).partNumber(1),
                RequestBody.fromBytes(first)).eTag();
        String etag2 = aws.s3().uploadPart(b -> b.bucket(SameNames.BUCKET).key(key).uploadId(upload).partNumber(2),
                RequestBody.fromBytes(second)).eTag();
        aws.s3().completeMultipartUpload(b -> b.bucket(SameNames.BUCKET).key(key).uploadId(upload)
                .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag(etag1).build(),
                        CompletedPart.builder().partNumber(2).eTag(etag2).build())));

        byte[] stored = aws.s3().getObjectAsBytes(b -> b.bucket(SameNames.BUCKET).key(key)).asByteArray();
        byte[] expected = new byte[first.length + second.length];
        System.arraycopy(first, 0, expected, 0, first.length);
        System.arraycopy(second, 0, expected, first.length, second.length);
        assertArrayEquals(expected, stored);
        // A multipart object's ETag: the digest of the parts' digests, then the number of parts.
        assertTrue(aws.s3().headObject(b -> b.bucket(SameNames.BUCKET).key(key)).eTag().endsWith("-2\""));
    }
}
