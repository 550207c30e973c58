package dev.cloudjar.sns.publish;

import dev.cloudjar.sns.store.SubscriptionRecord;

/**
 * Whether a subscription's filter policy lets a message through; {@link FilterPolicies} matches
 * with core's event-pattern matcher.
 */
@FunctionalInterface
public interface SubscriptionFilter {
    boolean accepts(SubscriptionRecord subscription, PublishedMessage message);
}
