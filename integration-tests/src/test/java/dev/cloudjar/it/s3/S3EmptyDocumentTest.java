package dev.cloudjar.it.s3;

import dev.cloudjar.junit5.Cloudjar;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** S3 answers an output with nothing to say as its empty root element, not as an empty body. */
@Cloudjar
class S3EmptyDocumentTest {
    private static final String NS = "xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"";
    private static final ThreadLocal<String> BODY = new ThreadLocal<>();
    static S3Client s3;

    @BeforeAll
    static void client(URI endpoint) {
        s3 = S3Client.builder().endpointOverride(endpoint).forcePathStyle(true).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public Optional<InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse context,
                                                                           ExecutionAttributes attributes) {
                        if (context.responseBody().isEmpty()) {
                            BODY.set("");
                            return context.responseBody();
                        }
                        try (InputStream in = context.responseBody().get()) {
                            byte[] body = in.readAllBytes();
                            BODY.set(new String(body, StandardCharsets.UTF_8));
                            return Optional.of(new ByteArrayInputStream(body));
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }
                }))
                .build();
        s3.createBucket(b -> b.bucket("empty-documents"));
    }

    @AfterAll
    static void close() {
        s3.close();
    }

    @Test
    void versioningOfABucketNeverVersionedIsAnEmptyConfiguration() {
        assertNull(s3.getBucketVersioning(b -> b.bucket("empty-documents")).status());
        assertTrue(BODY.get().contains("<VersioningConfiguration " + NS + "/>")
                || BODY.get().contains("<VersioningConfiguration " + NS + "></VersioningConfiguration>"), BODY.get());
    }

    @Test
    void aQuietDeleteWithoutErrorsAnswersAnEmptyDeleteResult() {
        s3.putObject(b -> b.bucket("empty-documents").key("gone"), RequestBody.fromString("x"));
        var deleted = s3.deleteObjects(b -> b.bucket("empty-documents").delete(d -> d.quiet(true)
                .objects(ObjectIdentifier.builder().key("gone").build())));
        assertEquals(0, deleted.deleted().size());
        assertTrue(BODY.get().contains("<DeleteResult " + NS + "/>")
                || BODY.get().contains("<DeleteResult " + NS + "></DeleteResult>"), BODY.get());
    }

    @Test
    void outputsWithoutBodyMembersStayEmpty() {
        s3.putObject(b -> b.bucket("empty-documents").key("k"), RequestBody.fromString("x"));
        assertEquals("", BODY.get());
    }
}
