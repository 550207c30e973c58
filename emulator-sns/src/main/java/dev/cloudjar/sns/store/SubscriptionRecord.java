package dev.cloudjar.sns.store;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A subscription as stored. Its ARN is the topic's ARN and a UUID; a pending one (an endpoint
 * SNS must ask first) keeps the token that ConfirmSubscription presents.
 */
public record SubscriptionRecord(String arn, String topicArn, String owner, String protocol, String endpoint,
                                 boolean confirmed, String token, Map<String, String> attributes) {
    public SubscriptionRecord {
        attributes = attributes == null ? Map.of() : new LinkedHashMap<>(attributes);
    }

    /** The UUID after the topic's ARN. */
    public String id() {
        return arn.substring(arn.lastIndexOf(':') + 1);
    }

    public boolean rawMessageDelivery() {
        return "true".equalsIgnoreCase(attributes.get("RawMessageDelivery"));
    }

    public SubscriptionRecord withAttributes(Map<String, String> changed) {
        return new SubscriptionRecord(arn, topicArn, owner, protocol, endpoint, confirmed, token, changed);
    }

    public SubscriptionRecord confirm() {
        return new SubscriptionRecord(arn, topicArn, owner, protocol, endpoint, true, token, attributes);
    }
}
