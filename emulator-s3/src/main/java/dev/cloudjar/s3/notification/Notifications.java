package dev.cloudjar.s3.notification;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cloudjar.core.error.AwsException;
import dev.cloudjar.core.protocol.xml.RestXmlCodec;
import dev.cloudjar.core.spi.Arn;
import dev.cloudjar.core.spi.AwsCalls;
import dev.cloudjar.core.spi.CallContext;
import dev.cloudjar.core.spi.Deliveries;
import dev.cloudjar.core.spi.Delivery;
import dev.cloudjar.core.spi.EventBusEntry;
import dev.cloudjar.core.spi.Input;
import dev.cloudjar.core.spi.Principal;
import dev.cloudjar.core.spi.RecordJson;
import dev.cloudjar.core.spi.RequestContext;
import dev.cloudjar.core.spi.Scope;
import dev.cloudjar.core.spi.TraceHeader;
import dev.cloudjar.s3.S3Errors;
import dev.cloudjar.s3.store.BucketRecord;
import dev.cloudjar.s3.store.ObjectVersion;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Bucket notification configurations: validated when stored (the destinations must exist), and
 * matched against each object event, which goes to every matching destination in S3's event
 * message format through core's delivery queue: SQS receives it as a message, Lambda as an
 * asynchronous invocation, SNS as a Publish. A configuration put to a queue or topic first sends it
 * S3's {@code s3:TestEvent}. With an EventBridgeConfiguration, every event also goes to the
 * account's default event bus ({@link EventBridgeEvents}).
 */
public final class Notifications {
    private static final String S3_PRINCIPAL = "s3.amazonaws.com";
    private static final DateTimeFormatter EVENT_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final Set<String> EVENTS = Set.of(
            "s3:ObjectCreated:*", "s3:ObjectCreated:Put", "s3:ObjectCreated:Post", "s3:ObjectCreated:Copy",
            "s3:ObjectCreated:CompleteMultipartUpload", "s3:ObjectRemoved:*", "s3:ObjectRemoved:Delete",
            "s3:ObjectRemoved:DeleteMarkerCreated", "s3:ObjectRestore:*", "s3:ObjectRestore:Post",
            "s3:ObjectRestore:Completed", "s3:ObjectRestore:Delete", "s3:ReducedRedundancyLostObject",
            "s3:Replication:*", "s3:LifecycleExpiration:*", "s3:LifecycleExpiration:Delete",
            "s3:LifecycleExpiration:DeleteMarkerCreated", "s3:LifecycleTransition", "s3:IntelligentTiering",
            "s3:ObjectTagging:*", "s3:ObjectTagging:Put", "s3:ObjectTagging:Delete", "s3:ObjectAcl:Put",
            "s3:TestEvent");

    /**
     * A destination kind: its list member in the configuration, its ARN member and ARN service,
     * the operation that tells whether it exists, and what S3 says when it cannot validate it.
     */
    private record Destination(String listMember, String arnMember, String service, String existenceCheck,
                               String validationFailure, boolean receivesTestEvent) {
    }

    private static final List<Destination> DESTINATIONS = List.of(
            new Destination("TopicConfigurations", "TopicArn", "sns", "GetTopicAttributes",
                    "Permissions on the destination topic do not allow S3 to publish notifications from this bucket", true),
            new Destination("QueueConfigurations", "QueueArn", "sqs", "GetQueueUrl",
                    "Permissions on the destination queue do not allow S3 to publish notifications from this bucket", true),
            new Destination("LambdaFunctionConfigurations", "LambdaFunctionArn", "lambda", "GetFunction",
                    "Not authorized to invoke function [%s]", false));

    private final Deliveries deliveries;
    private final AwsCalls calls;

    public Notifications(Deliveries deliveries, AwsCalls calls) {
        this.deliveries = deliveries;
        this.calls = calls;
    }

    /**
     * Fails with InvalidArgument as S3 does for an unknown event, filter rule or destination ARN,
     * and for a destination that does not exist (S3 cannot tell a missing queue from one whose
     * policy refuses it, and words both as a permission problem). A destination of a service
     * Cloudjar does not emulate yet is accepted unchecked.
     */
    public void validate(RequestContext context, String bucket, Map<String, Object> configuration) {
        for (Destination d : DESTINATIONS) {
            for (Map<String, Object> c : configurations(configuration, d)) {
                String arn = String.valueOf(c.get(d.arnMember()));
                if (!arn.startsWith("arn:aws:" + d.service() + ":")) {
                    throw S3Errors.invalidArgument("Unable to validate the following destination configurations",
                            arn, "The destination ARN is not valid");
                }
                for (Object event : list(c.get("Events"))) {
                    if (!EVENTS.contains(String.valueOf(event))) {
                        throw S3Errors.invalidArgument("The event is not supported for notifications", "Event",
                                String.valueOf(event));
                    }
                }
                for (Map<String, Object> rule : filterRules(c)) {
                    String name = String.valueOf(rule.get("Name")).toLowerCase(Locale.ROOT);
                    if (!name.equals("prefix") && !name.equals("suffix")) {
                        throw S3Errors.invalidArgument("filter rule name must be either prefix or suffix",
                                "FilterRule.Name", String.valueOf(rule.get("Name")));
                    }
                }
            }
        }
        for (Destination d : DESTINATIONS) {
            for (Map<String, Object> c : configurations(configuration, d)) {
                String arn = String.valueOf(c.get(d.arnMember()));
                if (!exists(context, bucket, d, Arn.parse(arn))) {
                    // S3 numbers the argument pairs of this error, one per destination it could not validate.
                    throw new AwsException("InvalidArgument", 400, "Unable to validate the following destination configurations")
                            .with("ArgumentName1", arn).with("ArgumentValue1", String.format(d.validationFailure(), arn));
                }
            }
        }
    }

    private boolean exists(RequestContext context, String bucket, Destination d, Arn target) {
        Input check = switch (d.service()) {
            case "sqs" -> new Input(Map.of("QueueName", target.resource(), "QueueOwnerAWSAccountId", target.account()));
            case "sns" -> new Input(Map.of("TopicArn", target.toString()));
            default -> new Input(Map.of("FunctionName", target.toString()));
        };
        try {
            calls.call(callContext(context, bucket, target), d.service(), d.existenceCheck(), check);
            return true;
        } catch (AwsException e) {
            return e.code().equals("UnknownOperationException");
        }
    }

    /** After a configuration is stored: S3's test event to each queue and topic it names. */
    public void sendTestEvents(RequestContext context, String bucket, Map<String, Object> configuration) {
        ObjectNode test = RecordJson.mapper().createObjectNode();
        test.put("Service", "Amazon S3");
        test.put("Event", "s3:TestEvent");
        test.put("Time", EVENT_TIME.format(context.receivedAt()));
        test.put("Bucket", bucket);
        test.put("RequestId", context.requestId());
        test.put("HostId", RestXmlCodec.hostId(context.requestId()));
        for (Destination d : DESTINATIONS) {
            if (d.receivesTestEvent()) {
                for (Map<String, Object> c : configurations(configuration, d)) {
                    deliveries.submit(Delivery.of(String.valueOf(c.get(d.arnMember())), test.toString(),
                            bucketArn(bucket), context.accountId()));
                }
            }
        }
    }

    /** Sends the event to every destination of the bucket whose events and key filter match. */
    public void publish(RequestContext context, BucketRecord bucket, String eventName, ObjectVersion object) {
        Map<String, Object> configuration = bucket.notification();
        if (configuration == null) {
            return;
        }
        if (EventBridgeEvents.enabled(configuration)) {
            EventBusEntry event = EventBridgeEvents.entry(context, bucket, eventName, object,
                    sequencer(context.receivedAt()), bucketArn(bucket.name()));
            if (event != null) {
                deliveries.submit(event.delivery(EventBridgeEvents.defaultBus(context.scope(), bucket),
                        bucketArn(bucket.name()), context.accountId()));
            }
        }
        for (Destination d : DESTINATIONS) {
            for (Map<String, Object> c : configurations(configuration, d)) {
                if (matchesEvent(c, eventName) && matchesKey(c, object.key())) {
                    String message = message(context, bucket, eventName, object, (String) c.get("Id"));
                    deliveries.submit(Delivery.of(String.valueOf(c.get(d.arnMember())), message,
                            bucketArn(bucket.name()), context.accountId()));
                }
            }
        }
    }

    /**
     * An event S3 causes itself (a lifecycle expiration): S3's own service principal stands in
     * for the requester, as in the userIdentity of such events.
     */
    public void publishAsS3(String account, BucketRecord bucket, String eventName, ObjectVersion object, Instant at) {
        RequestContext context = new RequestContext(UUID.randomUUID().toString(), "s3", eventName,
                new Scope(account, bucket.region()), Principal.service(S3_PRINCIPAL, account), null, at,
                TraceHeader.create(at));
        publish(context, bucket, eventName, object);
    }

    /** S3's event message (version 2.1): one record, as S3 sends one event per message. */
    static String message(RequestContext context, BucketRecord bucket, String eventName, ObjectVersion object,
                          String configurationId) {
        ObjectNode record = RecordJson.mapper().createObjectNode();
        record.put("eventVersion", "2.1");
        record.put("eventSource", "aws:s3");
        record.put("awsRegion", bucket.region());
        record.put("eventTime", EVENT_TIME.format(context.receivedAt()));
        record.put("eventName", eventName);
        record.putObject("userIdentity").put("principalId", principalId(context));
        record.putObject("requestParameters").put("sourceIPAddress", "127.0.0.1");
        ObjectNode response = record.putObject("responseElements");
        response.put("x-amz-request-id", context.requestId());
        response.put("x-amz-id-2", RestXmlCodec.hostId(context.requestId()));
        ObjectNode s3 = record.putObject("s3");
        s3.put("s3SchemaVersion", "1.0");
        s3.put("configurationId", configurationId == null ? "" : configurationId);
        ObjectNode b = s3.putObject("bucket");
        b.put("name", bucket.name());
        b.putObject("ownerIdentity").put("principalId", context.accountId());
        b.put("arn", bucketArn(bucket.name()));
        ObjectNode o = s3.putObject("object");
        // S3 form-encodes the key in event messages (a space arrives as '+', '=' as %3D) but keeps its slashes.
        o.put("key", URLEncoder.encode(object.key(), StandardCharsets.UTF_8).replace("%2F", "/"));
        if (eventName.startsWith("ObjectCreated:")) {
            o.put("size", object.size());
            o.put("eTag", object.etag() == null ? "" : object.etag().replace("\"", ""));
        }
        if (object.versionId() != null && !object.versionId().equals(ObjectVersion.NULL_VERSION)) {
            o.put("versionId", object.versionId());
        }
        o.put("sequencer", sequencer(context.receivedAt()));
        ObjectNode message = RecordJson.mapper().createObjectNode();
        message.putArray("Records").add(record);
        return message.toString();
    }

    /**
     * How S3 lets consumers order the events of one key: a later event carries a greater
     * sequencer (the request's arrival, in nanoseconds; requests on one key arrive in turn).
     */
    private static String sequencer(Instant at) {
        return String.format("%016X", at.getEpochSecond() * 1_000_000_000L + at.getNano());
    }

    private static String principalId(RequestContext context) {
        if (context.principal().isService()) {
            return context.principal().arn();
        }
        String id = context.principal().userId();
        return id == null ? "ANONYMOUS_PRINCIPAL" : "AWS:" + id;
    }

    private static CallContext callContext(RequestContext context, String bucket, Arn target) {
        return CallContext.service(S3_PRINCIPAL, target.scope(), bucketArn(bucket), context.accountId());
    }

    private static String bucketArn(String bucket) {
        return new Arn("aws", "s3", "", "", bucket).toString();
    }

    private static boolean matchesEvent(Map<String, Object> c, String eventName) {
        String category = eventName.substring(0, eventName.indexOf(':'));
        for (Object e : list(c.get("Events"))) {
            String configured = String.valueOf(e);
            if (configured.equals("s3:" + eventName) || configured.equals("s3:" + category + ":*")) {
                return true;
            }
        }
        return false;
    }

    private static boolean matchesKey(Map<String, Object> c, String key) {
        for (Map<String, Object> rule : filterRules(c)) {
            String value = String.valueOf(rule.get("Value"));
            boolean prefix = String.valueOf(rule.get("Name")).equalsIgnoreCase("prefix");
            if (prefix ? !key.startsWith(value) : !key.endsWith(value)) {
                return false;
            }
        }
        return true;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> configurations(Map<String, Object> configuration, Destination d) {
        return (List<Map<String, Object>>) (List<?>) list(configuration.get(d.listMember()));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> filterRules(Map<String, Object> c) {
        Object filter = c.get("Filter");
        if (!(filter instanceof Map<?, ?> f) || !(f.get("Key") instanceof Map<?, ?> key)) {
            return List.of();
        }
        return (List<Map<String, Object>>) (List<?>) list(key.get("FilterRules"));
    }

    private static List<?> list(Object value) {
        return value instanceof List<?> l ? l : List.of();
    }
}
