package dev.cloudjar.s3.notification;

import dev.cloudjar.core.spi.EventBus;
import dev.cloudjar.core.spi.RequestContext;
import dev.cloudjar.s3.S3Errors;
import dev.cloudjar.s3.store.BucketRecord;
import dev.cloudjar.s3.store.ObjectVersion;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Bucket notification configurations: validated when stored, matched against each object event,
 * and published as {@link S3EventNotification}s on the in-process event bus, which is where
 * delivery to SQS, SNS and Lambda plugs in.
 */
public final class Notifications {
    private static final Set<String> EVENTS = Set.of(
            "s3:ObjectCreated:*", "s3:ObjectCreated:Put", "s3:ObjectCreated:Post", "s3:ObjectCreated:Copy",
            "s3:ObjectCreated:CompleteMultipartUpload", "s3:ObjectRemoved:*", "s3:ObjectRemoved:Delete",
            "s3:ObjectRemoved:DeleteMarkerCreated", "s3:ObjectRestore:*", "s3:ObjectRestore:Post",
            "s3:ObjectRestore:Completed", "s3:ObjectRestore:Delete", "s3:ReducedRedundancyLostObject",
            "s3:Replication:*", "s3:LifecycleExpiration:*", "s3:LifecycleExpiration:Delete",
            "s3:LifecycleExpiration:DeleteMarkerCreated", "s3:LifecycleTransition", "s3:IntelligentTiering",
            "s3:ObjectTagging:*", "s3:ObjectTagging:Put", "s3:ObjectTagging:Delete", "s3:ObjectAcl:Put",
            "s3:TestEvent");

    /** A destination kind: its list member in the configuration, its ARN member and ARN service. */
    private record Destination(String listMember, String arnMember, String service) {
    }

    private static final List<Destination> DESTINATIONS = List.of(
            new Destination("TopicConfigurations", "TopicArn", "sns"),
            new Destination("QueueConfigurations", "QueueArn", "sqs"),
            new Destination("LambdaFunctionConfigurations", "LambdaFunctionArn", "lambda"));

    private final EventBus events;

    public Notifications(EventBus events) {
        this.events = events;
    }

    /** Fails with InvalidArgument as S3 does for an unknown event, filter rule or destination. */
    public static void validate(Map<String, Object> configuration) {
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
    }

    /** Publishes the event to every destination of the bucket whose events and key filter match. */
    public void publish(RequestContext context, BucketRecord bucket, String eventName, ObjectVersion object) {
        Map<String, Object> configuration = bucket.notification();
        if (configuration == null) {
            return;
        }
        for (Destination d : DESTINATIONS) {
            for (Map<String, Object> c : configurations(configuration, d)) {
                if (matchesEvent(c, eventName) && matchesKey(c, object.key())) {
                    S3EventNotification event = new S3EventNotification(eventName, context.accountId(),
                            bucket.region(), bucket.name(), object.key(), object.size(), object.etag(),
                            object.versionId(), context.receivedAt(), (String) c.get("Id"),
                            String.valueOf(c.get(d.arnMember())));
                    events.publish(event.topic(), event);
                }
            }
        }
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
