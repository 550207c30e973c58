package dev.cloudjar.sns.publish;

import dev.cloudjar.sns.store.SubscriptionRecord;

/**
 * Whether a subscription's filter policy lets a message through: the one place where filter
 * policy matching plugs in. The shared event-pattern matcher being built in core will implement
 * it (attributes for FilterPolicyScope MessageAttributes, the message body for MessageBody); until
 * then {@link #ACCEPT_ALL} delivers every message, as though every policy matched.
 */
@FunctionalInterface
public interface SubscriptionFilter {
    SubscriptionFilter ACCEPT_ALL = (subscription, message) -> true;

    boolean accepts(SubscriptionRecord subscription, PublishedMessage message);
}
