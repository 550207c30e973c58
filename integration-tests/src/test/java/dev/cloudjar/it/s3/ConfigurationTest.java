package dev.cloudjar.it.s3;

import dev.cloudjar.it.fixtures.Clients;
import dev.cloudjar.junit5.Cloudjar;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Event;
import software.amazon.awssdk.services.s3.model.ExpirationStatus;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.Tag;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.net.URI;
import java.util.List;
import java.util.Map;

import static dev.cloudjar.it.fixtures.Clients.s3;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Object and bucket tagging, bucket policy, CORS, lifecycle and notification configurations. */
@Cloudjar
class ConfigurationTest {
    static final String BUCKET = "configured";
    static S3Client s3;

    @BeforeAll
    static void createBucket(URI endpoint) {
        s3 = s3(endpoint);
        s3.createBucket(b -> b.bucket(BUCKET));
    }

    @AfterAll
    static void close() {
        s3.close();
    }

    static String code(org.junit.jupiter.api.function.Executable call) {
        return assertThrows(S3Exception.class, call).awsErrorDetails().errorCode();
    }

    @Test
    void objectTagsFromTheHeaderAndTheTaggingOperations() {
        s3.putObject(b -> b.bucket(BUCKET).key("tagged").tagging("a=1&b=two%20words"), RequestBody.fromString("x"));
        assertEquals(2, s3.getObject(b -> b.bucket(BUCKET).key("tagged")).response().tagCount());
        assertEquals(List.of(Tag.builder().key("a").value("1").build(), Tag.builder().key("b").value("two words").build()),
                s3.getObjectTagging(b -> b.bucket(BUCKET).key("tagged")).tagSet());
        s3.putObjectTagging(b -> b.bucket(BUCKET).key("tagged").tagging(t -> t.tagSet(Tag.builder().key("c").value("3").build())));
        assertEquals(1, s3.getObjectTagging(b -> b.bucket(BUCKET).key("tagged")).tagSet().size());
        s3.deleteObjectTagging(b -> b.bucket(BUCKET).key("tagged"));
        assertEquals(0, s3.getObjectTagging(b -> b.bucket(BUCKET).key("tagged")).tagSet().size());
        assertEquals("NoSuchKey", code(() -> s3.getObjectTagging(b -> b.bucket(BUCKET).key("untagged-missing"))));
    }

    @Test
    void bucketTagsAreStoredAndDeleted() {
        assertEquals("NoSuchTagSet", code(() -> s3.getBucketTagging(b -> b.bucket(BUCKET))));
        s3.putBucketTagging(b -> b.bucket(BUCKET).tagging(t -> t.tagSet(Tag.builder().key("team").value("x").build())));
        assertEquals("team", s3.getBucketTagging(b -> b.bucket(BUCKET)).tagSet().get(0).key());
        s3.deleteBucketTagging(b -> b.bucket(BUCKET));
        assertEquals("NoSuchTagSet", code(() -> s3.getBucketTagging(b -> b.bucket(BUCKET))));
    }

    @Test
    void policyIsStoredAndReturnedAsSent() {
        assertEquals("NoSuchBucketPolicy", code(() -> s3.getBucketPolicy(b -> b.bucket(BUCKET))));
        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[]}";
        s3.putBucketPolicy(b -> b.bucket(BUCKET).policy(policy));
        assertEquals(policy, s3.getBucketPolicy(b -> b.bucket(BUCKET)).policy());
        S3Exception malformed = assertThrows(S3Exception.class,
                () -> s3.putBucketPolicy(b -> b.bucket(BUCKET).policy("not json")));
        assertEquals("MalformedPolicy", malformed.awsErrorDetails().errorCode());
        assertEquals("Policies must be valid JSON and the first byte must be '{'", malformed.awsErrorDetails().errorMessage());
        s3.deleteBucketPolicy(b -> b.bucket(BUCKET));
        assertEquals("NoSuchBucketPolicy", code(() -> s3.getBucketPolicy(b -> b.bucket(BUCKET))));
    }

    @Test
    void corsConfigurationIsStoredAndReturned() {
        assertEquals("NoSuchCORSConfiguration", code(() -> s3.getBucketCors(b -> b.bucket(BUCKET))));
        s3.putBucketCors(b -> b.bucket(BUCKET).corsConfiguration(c -> c.corsRules(r -> r.allowedMethods("GET", "PUT")
                .allowedOrigins("https://example.com").allowedHeaders("*").exposeHeaders("ETag").maxAgeSeconds(300))));
        var rule = s3.getBucketCors(b -> b.bucket(BUCKET)).corsRules().get(0);
        assertEquals(List.of("GET", "PUT"), rule.allowedMethods());
        assertEquals(List.of("https://example.com"), rule.allowedOrigins());
        assertEquals(300, rule.maxAgeSeconds());
        s3.deleteBucketCors(b -> b.bucket(BUCKET));
        assertEquals("NoSuchCORSConfiguration", code(() -> s3.getBucketCors(b -> b.bucket(BUCKET))));
    }

    @Test
    void lifecycleConfigurationIsStoredAndReturned() {
        assertEquals("NoSuchLifecycleConfiguration", code(() -> s3.getBucketLifecycleConfiguration(b -> b.bucket(BUCKET))));
        s3.putBucketLifecycleConfiguration(b -> b.bucket(BUCKET).lifecycleConfiguration(c -> c.rules(r -> r.id("expire-logs")
                .status(ExpirationStatus.ENABLED).filter(f -> f.prefix("logs/")).expiration(e -> e.days(7)))));
        var rule = s3.getBucketLifecycleConfiguration(b -> b.bucket(BUCKET)).rules().get(0);
        assertEquals("expire-logs", rule.id());
        assertEquals(7, rule.expiration().days());
        assertEquals("logs/", rule.filter().prefix());
    }

    @Test
    void notificationConfigurationIsStoredAndAnArnOfTheWrongServiceRefused(URI endpoint) {
        try (SqsClient sqs = Clients.sqs(endpoint)) {
            sqs.createQueue(b -> b.queueName("uploads"));
        }
        s3.putBucketNotificationConfiguration(b -> b.bucket(BUCKET).notificationConfiguration(n -> n.queueConfigurations(q -> q
                .id("to-queue").queueArn("arn:aws:sqs:us-east-1:000000000000:uploads").events(Event.S3_OBJECT_CREATED)
                .filter(f -> f.key(k -> k.filterRules(r -> r.name("prefix").value("in/")))))));
        assertEquals("to-queue", s3.getBucketNotificationConfiguration(b -> b.bucket(BUCKET)).queueConfigurations().get(0).id());

        assertEquals("InvalidArgument", code(() -> s3.putBucketNotificationConfiguration(b -> b.bucket(BUCKET)
                .notificationConfiguration(n -> n.queueConfigurations(q -> q.queueArn("arn:aws:sns:us-east-1:0:topic")
                        .events(Event.S3_OBJECT_CREATED))))));
    }

    @Test
    void configurationOfAMissingBucketFailsWithNoSuchBucket() {
        assertEquals("NoSuchBucket", code(() -> s3.putBucketTagging(b -> b.bucket("missing-bucket")
                .tagging(t -> t.tagSet(Tag.builder().key("k").value("v").build())))));
        assertEquals("NoSuchBucket", code(() -> s3.getBucketVersioning(b -> b.bucket("missing-bucket"))));
        assertEquals(Map.of(), Map.of());
    }
}
