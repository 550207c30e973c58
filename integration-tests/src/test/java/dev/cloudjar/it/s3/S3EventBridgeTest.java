package dev.cloudjar.it.s3;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cloudjar.it.fixtures.Clients;
import dev.cloudjar.it.fixtures.Queues;
import dev.cloudjar.it.fixtures.Processes;
import dev.cloudjar.junit5.Cloudjar;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.Target;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.EventBridgeConfiguration;
import software.amazon.awssdk.services.s3.model.ExpirationStatus;
import software.amazon.awssdk.services.s3.model.GetBucketNotificationConfigurationResponse;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A bucket's events on the default EventBridge bus, through the SDK v2 and boto3. Expected shapes:
 * S3 User Guide, "Enabling Amazon EventBridge" (EventBridgeConfiguration in the notification
 * configuration), "Using EventBridge" (the event types, every one sent once enabled, the reason and
 * deletion-type values) and "EventBridge event message structure" (the envelope and detail fields).
 * A lifecycle day lasts one second here, and the lifecycle sweeper runs every second.
 */
@Cloudjar(options = {"s3-lifecycle-interval-seconds=1", "s3-lifecycle-day-seconds=1"})
class S3EventBridgeTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode next(SqsClient sqs, String url) throws IOException {
        return JSON.readTree(Queues.next(sqs, url).body());
    }

    /** A rule on the default bus for the bucket's events of {@code detailType}, delivering to a new queue. */
    private static String ruleToQueue(EventBridgeClient events, SqsClient sqs, String name, String bucket, String detailType) {
        String url = sqs.createQueue(b -> b.queueName(name)).queueUrl();
        events.putRule(b -> b.name(name).eventPattern("{\"source\":[\"aws.s3\"],\"detail-type\":[\"" + detailType + "\"],"
                + "\"detail\":{\"bucket\":{\"name\":[\"" + bucket + "\"]}}}"));
        events.putTargets(b -> b.rule(name).targets(Target.builder().id("q").arn(Queues.arn(sqs, url)).build()));
        return url;
    }

    private static void enableEventBridge(S3Client s3, String bucket) {
        s3.putBucketNotificationConfiguration(b -> b.bucket(bucket).notificationConfiguration(n -> n
                .eventBridgeConfiguration(EventBridgeConfiguration.builder().build())));
    }

    @Test
    void theConfigurationReadsBackWithItsEventBridgeConfiguration(URI endpoint) {
        try (S3Client s3 = Clients.s3(endpoint)) {
            s3.createBucket(b -> b.bucket("eb-config"));
            assertNull(s3.getBucketNotificationConfiguration(b -> b.bucket("eb-config")).eventBridgeConfiguration());

            enableEventBridge(s3, "eb-config");

            GetBucketNotificationConfigurationResponse read = s3.getBucketNotificationConfiguration(b -> b.bucket("eb-config"));
            assertNotNull(read.eventBridgeConfiguration());
            assertTrue(read.queueConfigurations().isEmpty());
        }
    }

    @Test
    void putObjectPutsAnObjectCreatedEventOnTheDefaultBus(URI endpoint) throws IOException {
        try (S3Client s3 = Clients.s3(endpoint); SqsClient sqs = Clients.sqs(endpoint);
             EventBridgeClient events = Clients.eventBridge(endpoint)) {
            s3.createBucket(b -> b.bucket("eb-created"));
            String url = ruleToQueue(events, sqs, "s3-created", "eb-created", "Object Created");
            s3.putObject(b -> b.bucket("eb-created").key("before/enabled.txt"), RequestBody.fromString("early"));
            enableEventBridge(s3, "eb-created");

            String etag = s3.putObject(b -> b.bucket("eb-created").key("docs/a b.txt"), RequestBody.fromString("hello")).eTag();

            JsonNode event = next(sqs, url);
            assertEquals("0", event.path("version").asText());
            assertEquals("Object Created", event.path("detail-type").asText());
            assertEquals("aws.s3", event.path("source").asText());
            assertEquals("000000000000", event.path("account").asText());
            assertEquals("us-east-1", event.path("region").asText());
            assertEquals("arn:aws:s3:::eb-created", event.at("/resources/0").asText());
            JsonNode detail = event.path("detail");
            assertEquals("0", detail.path("version").asText());
            assertEquals("eb-created", detail.at("/bucket/name").asText());
            assertEquals("docs/a b.txt", detail.at("/object/key").asText());
            assertEquals(5, detail.at("/object/size").asInt());
            assertEquals(etag.replace("\"", ""), detail.at("/object/etag").asText());
            assertTrue(detail.at("/object/sequencer").asText().matches("[0-9A-F]+"), detail.toString());
            assertTrue(detail.at("/object/version-id").isMissingNode(), "an unversioned object has no version-id");
            assertFalse(detail.path("request-id").asText().isEmpty());
            assertEquals("000000000000", detail.path("requester").asText());
            assertEquals("PutObject", detail.path("reason").asText());
            assertTrue(sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(1)).messages().isEmpty(),
                    "the object put before EventBridge was enabled made no event");
        }
    }

    @Test
    void copiesUploadsTagsAndDeletesAreEventsToo(URI endpoint) throws IOException {
        try (S3Client s3 = Clients.s3(endpoint); SqsClient sqs = Clients.sqs(endpoint);
             EventBridgeClient events = Clients.eventBridge(endpoint)) {
            s3.createBucket(b -> b.bucket("eb-lifecycle"));
            s3.putBucketVersioning(b -> b.bucket("eb-lifecycle").versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
            enableEventBridge(s3, "eb-lifecycle");
            String created = ruleToQueue(events, sqs, "s3-v-created", "eb-lifecycle", "Object Created");
            String deleted = ruleToQueue(events, sqs, "s3-v-deleted", "eb-lifecycle", "Object Deleted");
            String tagged = ruleToQueue(events, sqs, "s3-v-tagged", "eb-lifecycle", "Object Tags Added");

            String version = s3.putObject(b -> b.bucket("eb-lifecycle").key("k"), RequestBody.fromString("v1")).versionId();
            assertEquals(version, next(sqs, created).at("/detail/object/version-id").asText());
            s3.copyObject(b -> b.sourceBucket("eb-lifecycle").sourceKey("k").destinationBucket("eb-lifecycle").destinationKey("copy"));
            JsonNode copy = next(sqs, created);
            assertEquals("CopyObject", copy.at("/detail/reason").asText());
            assertEquals("copy", copy.at("/detail/object/key").asText());
            String upload = s3.createMultipartUpload(b -> b.bucket("eb-lifecycle").key("parts")).uploadId();
            String part = s3.uploadPart(b -> b.bucket("eb-lifecycle").key("parts").uploadId(upload).partNumber(1),
                    RequestBody.fromString("one part")).eTag();
            s3.completeMultipartUpload(b -> b.bucket("eb-lifecycle").key("parts").uploadId(upload)
                    .multipartUpload(m -> m.parts(p -> p.partNumber(1).eTag(part))));
            JsonNode multipart = next(sqs, created);
            assertEquals("CompleteMultipartUpload", multipart.at("/detail/reason").asText());
            assertEquals(8, multipart.at("/detail/object/size").asInt());

            s3.putObjectTagging(b -> b.bucket("eb-lifecycle").key("k").tagging(t -> t.tagSet(s -> s.key("a").value("b"))));
            JsonNode tags = next(sqs, tagged);
            assertEquals("k", tags.at("/detail/object/key").asText());
            assertEquals(version, tags.at("/detail/object/version-id").asText());

            String marker = s3.deleteObject(b -> b.bucket("eb-lifecycle").key("k")).versionId();
            JsonNode markerEvent = next(sqs, deleted);
            assertEquals("DeleteObject", markerEvent.at("/detail/reason").asText());
            assertEquals("Delete Marker Created", markerEvent.at("/detail/deletion-type").asText());
            assertEquals(marker, markerEvent.at("/detail/object/version-id").asText());
            s3.deleteObject(b -> b.bucket("eb-lifecycle").key("k").versionId(version));
            JsonNode permanent = next(sqs, deleted);
            assertEquals("Permanently Deleted", permanent.at("/detail/deletion-type").asText());
            assertEquals(version, permanent.at("/detail/object/version-id").asText());
        }
    }

    /** "Using EventBridge": an object a lifecycle rule expires is deleted with reason "Lifecycle Expiration", by S3 itself. */
    @Test
    void aLifecycleExpirationIsAnObjectDeletedEventFromS3Itself(URI endpoint) throws IOException {
        try (S3Client s3 = Clients.s3(endpoint); SqsClient sqs = Clients.sqs(endpoint);
             EventBridgeClient events = Clients.eventBridge(endpoint)) {
            s3.createBucket(b -> b.bucket("eb-expiring"));
            enableEventBridge(s3, "eb-expiring");
            String deleted = ruleToQueue(events, sqs, "s3-expired", "eb-expiring", "Object Deleted");
            s3.putBucketLifecycleConfiguration(b -> b.bucket("eb-expiring").lifecycleConfiguration(c -> c.rules(r -> r
                    .id("one-day").status(ExpirationStatus.ENABLED).filter(f -> f.prefix("")).expiration(e -> e.days(1)))));

            s3.putObject(b -> b.bucket("eb-expiring").key("short-lived"), RequestBody.fromString("x"));

            JsonNode detail = next(sqs, deleted).path("detail");
            assertEquals("short-lived", detail.at("/object/key").asText());
            assertEquals("Lifecycle Expiration", detail.path("reason").asText());
            assertEquals("Permanently Deleted", detail.path("deletion-type").asText());
            assertEquals("s3.amazonaws.com", detail.path("requester").asText());
        }
    }

    /** boto3 turns EventBridge on with {'EventBridgeConfiguration': {}} and reads the event from its queue. */
    @Test
    void boto3SeesTheObjectCreatedEventThroughARule(URI endpoint) throws Exception {
        String script = "import boto3, json\n"
                + "kw = dict(endpoint_url='" + endpoint + "', region_name='us-east-1', aws_access_key_id='test', aws_secret_access_key='test')\n"
                + "s3 = boto3.client('s3', **kw); events = boto3.client('events', **kw); sqs = boto3.client('sqs', **kw)\n"
                + "s3.create_bucket(Bucket='py-eb')\n"
                + "s3.put_bucket_notification_configuration(Bucket='py-eb', NotificationConfiguration={'EventBridgeConfiguration': {}})\n"
                + "config = s3.get_bucket_notification_configuration(Bucket='py-eb')\n"
                + "url = sqs.create_queue(QueueName='py-s3-events')['QueueUrl']\n"
                + "arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=['QueueArn'])['Attributes']['QueueArn']\n"
                + "events.put_rule(Name='py-s3', EventPattern=json.dumps({'source': ['aws.s3'], 'detail-type': ['Object Created'],"
                + " 'detail': {'bucket': {'name': ['py-eb']}}}))\n"
                + "events.put_targets(Rule='py-s3', Targets=[{'Id': 'q', 'Arn': arn}])\n"
                + "s3.put_object(Bucket='py-eb', Key='from-python', Body=b'abc')\n"
                + "event = json.loads(sqs.receive_message(QueueUrl=url, WaitTimeSeconds=20)['Messages'][0]['Body'])\n"
                + "print('EventBridgeConfiguration' in config, event['detail-type'], event['detail']['object']['key'],"
                + " event['detail']['object']['size'], event['detail']['reason'])\n";
        Processes.Result python = Processes.run(List.of("python3", "-c", script), Map.of());
        assertEquals(0, python.exitCode(), python.output());
        assertEquals("True Object Created from-python 3 PutObject", python.output().trim());
    }
}
