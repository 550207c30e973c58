package dev.cloudjar.s3.notification;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cloudjar.core.spi.Arn;
import dev.cloudjar.core.spi.EventBusEntry;
import dev.cloudjar.core.spi.RecordJson;
import dev.cloudjar.core.spi.RequestContext;
import dev.cloudjar.core.spi.Scope;
import dev.cloudjar.s3.store.BucketRecord;
import dev.cloudjar.s3.store.ObjectVersion;

import java.util.List;
import java.util.Map;

/**
 * A bucket's events on the account's default EventBridge bus, once its notification configuration
 * has an EventBridgeConfiguration (S3 User Guide, "Using EventBridge": every event type below is
 * sent, with no choice of events or key filter). Each is S3's event as "EventBridge event message
 * structure" shows it: source {@code aws.s3}, the bucket's ARN as the resource, a detail of
 * version, bucket, object, request-id, requester, source-ip-address and, where the type has one,
 * reason and deletion-type. Only the events Cloudjar's S3 produces are mapped: not yet POST Object,
 * ACL changes, restores, storage class changes or Intelligent-Tiering.
 */
final class EventBridgeEvents {
    static final String MEMBER = "EventBridgeConfiguration";
    private static final String SOURCE = "aws.s3";

    /** What an S3 event name becomes on the bus: detail-type, reason, deletion-type, which object fields. */
    private record Kind(String detailType, String reason, String deletionType, boolean size, boolean etag,
                        boolean sequencer) {
        static Kind created(String reason) {
            return new Kind("Object Created", reason, null, true, true, true);
        }

        static Kind deleted(String reason, String deletionType) {
            return new Kind("Object Deleted", reason, deletionType, false, false, true);
        }

        static Kind changed(String detailType) {
            return new Kind(detailType, null, null, false, true, false);
        }
    }

    private static final Map<String, Kind> KINDS = Map.ofEntries(
            Map.entry("ObjectCreated:Put", Kind.created("PutObject")),
            Map.entry("ObjectCreated:Copy", Kind.created("CopyObject")),
            Map.entry("ObjectCreated:CompleteMultipartUpload", Kind.created("CompleteMultipartUpload")),
            Map.entry("ObjectRemoved:Delete", Kind.deleted("DeleteObject", "Permanently Deleted")),
            Map.entry("ObjectRemoved:DeleteMarkerCreated", Kind.deleted("DeleteObject", "Delete Marker Created")),
            Map.entry("LifecycleExpiration:Delete", Kind.deleted("Lifecycle Expiration", "Permanently Deleted")),
            Map.entry("LifecycleExpiration:DeleteMarkerCreated", Kind.deleted("Lifecycle Expiration", "Delete Marker Created")),
            Map.entry("ObjectTagging:Put", Kind.changed("Object Tags Added")),
            Map.entry("ObjectTagging:Delete", Kind.changed("Object Tags Deleted")));

    private EventBridgeEvents() {
    }

    static boolean enabled(Map<String, Object> configuration) {
        return configuration.get(MEMBER) != null;
    }

    /** The default bus of the bucket owner's account in the bucket's Region. */
    static String defaultBus(Scope scope, BucketRecord bucket) {
        return new Arn("aws", "events", bucket.region(), scope.accountId(), "event-bus/default").toString();
    }

    /** The event for the bus, or null for an event name S3 does not send to EventBridge. */
    static EventBusEntry entry(RequestContext context, BucketRecord bucket, String eventName, ObjectVersion object,
                               String sequencer, String bucketArn) {
        Kind kind = KINDS.get(eventName);
        if (kind == null) {
            return null;
        }
        ObjectNode detail = RecordJson.mapper().createObjectNode();
        detail.put("version", "0");
        detail.putObject("bucket").put("name", bucket.name());
        ObjectNode o = detail.putObject("object");
        // Unlike the notification message's key, the event's is not form-encoded (the guide's examples).
        o.put("key", object.key());
        if (kind.size()) {
            o.put("size", object.size());
        }
        if (kind.etag() && object.etag() != null) {
            o.put("etag", object.etag().replace("\"", ""));
        }
        if (object.versionId() != null && !object.versionId().equals(ObjectVersion.NULL_VERSION)) {
            o.put("version-id", object.versionId());
        }
        if (kind.sequencer()) {
            o.put("sequencer", sequencer);
        }
        detail.put("request-id", context.requestId());
        detail.put("requester", requester(context));
        detail.put("source-ip-address", "127.0.0.1");
        if (kind.reason() != null) {
            detail.put("reason", kind.reason());
        }
        if (kind.deletionType() != null) {
            detail.put("deletion-type", kind.deletionType());
        }
        return EventBusEntry.of(SOURCE, kind.detailType(), detail, List.of(bucketArn));
    }

    /** The requesting account, or S3's own principal for what S3 does itself (a lifecycle expiration). */
    private static String requester(RequestContext context) {
        return context.principal().isService() ? context.principal().arn() : context.principal().accountId();
    }
}
