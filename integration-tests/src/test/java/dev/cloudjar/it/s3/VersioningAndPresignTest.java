package dev.cloudjar.it.s3;

import dev.cloudjar.junit5.Cloudjar;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import static dev.cloudjar.it.fixtures.Clients.s3;
import static dev.cloudjar.it.fixtures.Clients.s3Presigner;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Cloudjar
class VersioningAndPresignTest {
    static S3Client s3;
    static S3Presigner presigner;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void clients(URI endpoint) {
        s3 = s3(endpoint);
        presigner = s3Presigner(endpoint);
        s3.createBucket(b -> b.bucket("versioned"));
        s3.putBucketVersioning(b -> b.bucket("versioned").versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
        s3.createBucket(b -> b.bucket("presigned"));
    }

    @AfterAll
    static void close() {
        s3.close();
        presigner.close();
    }

    @Test
    void versioningKeepsEveryVersionAndDeleteAddsAMarker() {
        assertEquals(BucketVersioningStatus.ENABLED, s3.getBucketVersioning(b -> b.bucket("versioned")).status());
        String v1 = s3.putObject(b -> b.bucket("versioned").key("doc"), RequestBody.fromString("one")).versionId();
        String v2 = s3.putObject(b -> b.bucket("versioned").key("doc"), RequestBody.fromString("two")).versionId();
        assertNotEquals(v1, v2);
        assertEquals("two", s3.getObjectAsBytes(b -> b.bucket("versioned").key("doc")).asUtf8String());
        assertEquals("one", s3.getObjectAsBytes(b -> b.bucket("versioned").key("doc").versionId(v1)).asUtf8String());

        var deleted = s3.deleteObject(b -> b.bucket("versioned").key("doc"));
        assertTrue(deleted.deleteMarker());
        assertThrows(NoSuchKeyException.class, () -> s3.getObject(b -> b.bucket("versioned").key("doc")));
        assertEquals("two", s3.getObjectAsBytes(b -> b.bucket("versioned").key("doc").versionId(v2)).asUtf8String());

        var versions = s3.listObjectVersions(b -> b.bucket("versioned").prefix("doc"));
        assertEquals(List.of(v2, v1), versions.versions().stream().map(v -> v.versionId()).toList());
        assertEquals(List.of(deleted.versionId()), versions.deleteMarkers().stream().map(m -> m.versionId()).toList());
        assertTrue(versions.deleteMarkers().get(0).isLatest());

        s3.deleteObject(b -> b.bucket("versioned").key("doc").versionId(deleted.versionId()));
        assertEquals("two", s3.getObjectAsBytes(b -> b.bucket("versioned").key("doc")).asUtf8String());
        s3.deleteObject(b -> b.bucket("versioned").key("doc").versionId(v2));
        assertEquals("one", s3.getObjectAsBytes(b -> b.bucket("versioned").key("doc")).asUtf8String());
    }

    @Test
    void unknownVersionFailsWithNoSuchVersion() {
        s3.putObject(b -> b.bucket("versioned").key("v"), RequestBody.fromString("x"));
        S3Exception e = assertThrows(S3Exception.class, () -> s3.getObject(b -> b.bucket("versioned").key("v").versionId("nope")));
        assertEquals("NoSuchVersion", e.awsErrorDetails().errorCode());
    }

    @Test
    void suspendedVersioningOverwritesTheNullVersion() {
        s3.createBucket(b -> b.bucket("suspended"));
        s3.putBucketVersioning(b -> b.bucket("suspended").versioningConfiguration(v -> v.status(BucketVersioningStatus.SUSPENDED)));
        assertEquals("null", s3.putObject(b -> b.bucket("suspended").key("k"), RequestBody.fromString("1")).versionId());
        s3.putObject(b -> b.bucket("suspended").key("k"), RequestBody.fromString("2"));
        assertEquals(1, s3.listObjectVersions(b -> b.bucket("suspended")).versions().size());
    }

    @Test
    void listObjectVersionsPagesWithKeyAndVersionIdMarkers() {
        s3.createBucket(b -> b.bucket("version-pages"));
        s3.putBucketVersioning(b -> b.bucket("version-pages").versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
        for (int i = 0; i < 3; i++) {
            s3.putObject(b -> b.bucket("version-pages").key("a"), RequestBody.fromString("a"));
            s3.putObject(b -> b.bucket("version-pages").key("b"), RequestBody.fromString("b"));
        }
        var first = s3.listObjectVersions(b -> b.bucket("version-pages").maxKeys(4));
        assertTrue(first.isTruncated());
        assertEquals("b", first.nextKeyMarker());
        var rest = s3.listObjectVersions(b -> b.bucket("version-pages").keyMarker(first.nextKeyMarker())
                .versionIdMarker(first.nextVersionIdMarker()));
        assertEquals(2, rest.versions().size());
        assertTrue(rest.versions().stream().noneMatch(v -> v.isLatest()));
    }

    @Test
    void presignedPutAndGetWorkWithoutTheSdk() throws Exception {
        URI put = presigner.presignPutObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                .putObjectRequest(r -> r.bucket("presigned").key("via url.txt"))).url().toURI();
        HttpResponse<String> uploaded = HTTP.send(HttpRequest.newBuilder(put)
                .PUT(HttpRequest.BodyPublishers.ofString("presigned body")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, uploaded.statusCode(), uploaded.body());

        URI get = presigner.presignGetObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                .getObjectRequest(r -> r.bucket("presigned").key("via url.txt"))).url().toURI();
        HttpResponse<String> read = HTTP.send(HttpRequest.newBuilder(get).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, read.statusCode());
        assertEquals("presigned body", read.body());
        // Sent without any checksum, the object gets S3's default CRC64NVME.
        assertNotNull(s3.headObject(b -> b.bucket("presigned").key("via url.txt").checksumMode(ChecksumMode.ENABLED))
                .checksumCRC64NVME());
    }

    @Test
    void tamperedPresignedUrlIsRefusedWith403() throws Exception {
        s3.putObject(b -> b.bucket("presigned").key("secret"), RequestBody.fromString("x"));
        String url = presigner.presignGetObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                .getObjectRequest(r -> r.bucket("presigned").key("secret"))).url().toString();
        URI tampered = URI.create(url.replace("/secret?", "/other?"));
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(tampered).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, response.statusCode());
        assertTrue(response.body().contains("<Code>SignatureDoesNotMatch</Code>"), response.body());
    }

    @Test
    void expiredPresignedUrlIsRefusedWith403() throws Exception {
        s3.putObject(b -> b.bucket("presigned").key("brief"), RequestBody.fromString("x"));
        String url = presigner.presignGetObject(p -> p.signatureDuration(Duration.ofSeconds(1))
                .getObjectRequest(r -> r.bucket("presigned").key("brief"))).url().toString();
        // Re-dating the URL breaks its signature too, so wait out the one second instead.
        Thread.sleep(2100);
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, response.statusCode());
        assertTrue(response.body().contains("<Code>AccessDenied</Code>"), response.body());
    }
}
