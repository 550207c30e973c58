package dev.cloudjar.it.s3;

import dev.cloudjar.junit5.Cloudjar;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.BucketLocationConstraint;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import static dev.cloudjar.it.fixtures.Clients.s3;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Cloudjar
class BucketAndListingTest {
    static S3Client s3;

    @BeforeAll
    static void client(URI endpoint) {
        s3 = s3(endpoint);
    }

    @AfterAll
    static void close() {
        s3.close();
    }

    @Test
    void createHeadLocateAndDeleteABucket() {
        s3.createBucket(b -> b.bucket("lifecycle-of-a-bucket"));
        assertEquals("us-east-1", s3.headBucket(b -> b.bucket("lifecycle-of-a-bucket")).bucketRegion());
        assertTrue(s3.listBuckets().buckets().stream().anyMatch(b -> b.name().equals("lifecycle-of-a-bucket")));
        s3.deleteBucket(b -> b.bucket("lifecycle-of-a-bucket"));
        assertThrows(NoSuchBucketException.class, () -> s3.headBucket(b -> b.bucket("lifecycle-of-a-bucket")));
    }

    @Test
    void locationConstraintIsTheBucketsRegion() {
        s3.createBucket(b -> b.bucket("in-europe").createBucketConfiguration(c -> c.locationConstraint(BucketLocationConstraint.EU_WEST_1)));
        assertEquals(BucketLocationConstraint.EU_WEST_1, s3.getBucketLocation(b -> b.bucket("in-europe")).locationConstraint());
    }

    @Test
    void invalidNamesFailWithInvalidBucketName() {
        for (String name : List.of("xn--bucket", "bucket-s3alias", "sthree-bucket", "bucket--ol-s3")) {
            S3Exception e = assertThrows(S3Exception.class, () -> s3.createBucket(b -> b.bucket(name)), name);
            assertEquals("InvalidBucketName", e.awsErrorDetails().errorCode(), name);
        }
    }

    @Test
    void creatingAnOwnedBucketAgainFailsWithBucketAlreadyOwnedByYouOutsideUsEast1() {
        s3.createBucket(b -> b.bucket("twice"));
        // us-east-1 keeps its legacy answer to a repeated create: 200 OK.
        s3.createBucket(b -> b.bucket("twice"));
        s3.createBucket(b -> b.bucket("twice-in-europe").createBucketConfiguration(c -> c.locationConstraint("eu-west-1")));
        BucketAlreadyOwnedByYouException e = assertThrows(BucketAlreadyOwnedByYouException.class,
                () -> s3.createBucket(b -> b.bucket("twice-in-europe")
                        .createBucketConfiguration(c -> c.locationConstraint("eu-west-1"))));
        assertEquals(409, e.statusCode());
    }

    @Test
    void deletingABucketWithObjectsFailsWithBucketNotEmpty() {
        s3.createBucket(b -> b.bucket("not-empty"));
        s3.putObject(b -> b.bucket("not-empty").key("k"), RequestBody.fromString("x"));
        S3Exception e = assertThrows(S3Exception.class, () -> s3.deleteBucket(b -> b.bucket("not-empty")));
        assertEquals("BucketNotEmpty", e.awsErrorDetails().errorCode());
        assertEquals(409, e.statusCode());
    }

    @Test
    void deletingAMissingBucketFailsWithNoSuchBucket() {
        assertThrows(NoSuchBucketException.class, () -> s3.deleteBucket(b -> b.bucket("never-made")));
    }

    @Test
    void listBucketsPagesWithMaxBucketsAndContinuationToken() {
        for (int i = 0; i < 5; i++) {
            int n = i;
            s3.createBucket(b -> b.bucket("paged-" + n));
        }
        var first = s3.listBuckets(b -> b.prefix("paged-").maxBuckets(3));
        assertEquals(List.of("paged-0", "paged-1", "paged-2"), first.buckets().stream().map(x -> x.name()).toList());
        assertNotNull(first.continuationToken());
        var second = s3.listBuckets(b -> b.prefix("paged-").maxBuckets(3).continuationToken(first.continuationToken()));
        assertEquals(List.of("paged-3", "paged-4"), second.buckets().stream().map(x -> x.name()).toList());
        assertEquals(null, second.continuationToken());
    }

    @Test
    void listObjectsV2OrdersKeysByUtf8BytesAndRollsUpCommonPrefixes() {
        s3.createBucket(b -> b.bucket("listing"));
        List<String> keys = List.of("a/1", "a/2", "b", "c/d/e", "Z", "é", "~", "日本");
        keys.forEach(k -> s3.putObject(b -> b.bucket("listing").key(k), RequestBody.fromString(k)));

        List<String> all = s3.listObjectsV2(b -> b.bucket("listing")).contents().stream().map(S3Object::key).toList();
        assertEquals(List.of("Z", "a/1", "a/2", "b", "c/d/e", "~", "é", "日本"), all);

        ListObjectsV2Response rolled = s3.listObjectsV2(b -> b.bucket("listing").delimiter("/"));
        assertEquals(List.of("Z", "b", "~", "é", "日本"), rolled.contents().stream().map(S3Object::key).toList());
        assertEquals(List.of("a/", "c/"), rolled.commonPrefixes().stream().map(CommonPrefix::prefix).toList());
        assertEquals(7, rolled.keyCount());

        ListObjectsV2Response under = s3.listObjectsV2(b -> b.bucket("listing").prefix("c/").delimiter("/"));
        assertEquals(List.of("c/d/"), under.commonPrefixes().stream().map(CommonPrefix::prefix).toList());
    }

    @Test
    void listObjectsV2PagesWithContinuationTokensAndStartAfter() {
        s3.createBucket(b -> b.bucket("pages"));
        for (int i = 0; i < 25; i++) {
            String key = String.format("k%02d", i);
            s3.putObject(b -> b.bucket("pages").key(key), RequestBody.fromString(key));
        }
        List<String> seen = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            String t = token;
            ListObjectsV2Response page = s3.listObjectsV2(b -> b.bucket("pages").maxKeys(10).continuationToken(t));
            page.contents().forEach(o -> seen.add(o.key()));
            token = page.nextContinuationToken();
            pages++;
            assertEquals(token != null, page.isTruncated());
        } while (token != null);
        assertEquals(3, pages);
        assertEquals(25, seen.size());
        assertEquals("k24", seen.get(24));

        assertEquals("k21", s3.listObjectsV2(b -> b.bucket("pages").startAfter("k20")).contents().get(0).key());
        assertEquals(25, s3.listObjectsV2Paginator(b -> b.bucket("pages").maxKeys(4)).contents().stream().count());
    }

    @Test
    void listObjectsV2FetchesOwnerOnlyWhenAsked() {
        s3.createBucket(b -> b.bucket("owners"));
        s3.putObject(b -> b.bucket("owners").key("k"), RequestBody.fromString("x"));
        assertEquals(null, s3.listObjectsV2(b -> b.bucket("owners")).contents().get(0).owner());
        var owner = s3.listObjectsV2(b -> b.bucket("owners").fetchOwner(true)).contents().get(0).owner();
        // A canonical user id, as S3's; DisplayName is no longer returned.
        assertTrue(owner.id().matches("[0-9a-f]{64}"), owner.id());
        assertEquals(owner.id(), s3.listBuckets().owner().id());
        assertEquals(null, owner.displayName());
    }

    @Test
    void listObjectsV1PagesWithMarkerAndNextMarker() {
        s3.createBucket(b -> b.bucket("listing-v1"));
        for (String k : List.of("x/1", "x/2", "y/1", "z")) {
            s3.putObject(b -> b.bucket("listing-v1").key(k), RequestBody.fromString(k));
        }
        var first = s3.listObjects(b -> b.bucket("listing-v1").delimiter("/").maxKeys(2));
        assertTrue(first.isTruncated());
        assertEquals("y/", first.nextMarker());
        var second = s3.listObjects(b -> b.bucket("listing-v1").delimiter("/").marker(first.nextMarker()));
        assertEquals(List.of("z"), second.contents().stream().map(S3Object::key).toList());
        assertFalse(second.isTruncated());
        assertEquals(List.of("x/2", "y/1", "z"),
                s3.listObjects(b -> b.bucket("listing-v1").marker("x/1")).contents().stream().map(S3Object::key).toList());
    }

    @Test
    void listingAMissingBucketFailsWithNoSuchBucket() {
        assertThrows(NoSuchBucketException.class, () -> s3.listObjectsV2(b -> b.bucket("nowhere")));
    }
}
