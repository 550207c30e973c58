package dev.cloudjar.sns.publish;

import dev.cloudjar.core.events.CompiledPatterns;
import dev.cloudjar.core.events.Dialect;
import dev.cloudjar.core.events.EventPattern;
import dev.cloudjar.core.events.InvalidPatternException;
import dev.cloudjar.sns.store.SubscriptionRecord;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Subscription filter policies matched by core's event-pattern matcher ("Amazon SNS message
 * filtering"): with FilterPolicyScope MessageAttributes (the default) against the message's
 * attributes, with MessageBody against the message the subscription receives, which must be a JSON
 * object to match at all. A subscription without a policy receives everything.
 */
public final class FilterPolicies implements SubscriptionFilter {
    private final CompiledPatterns compiled = new CompiledPatterns();

    @Override
    public boolean accepts(SubscriptionRecord subscription, PublishedMessage message) {
        String policy = subscription.attributes().get("FilterPolicy");
        if (policy == null || policy.isEmpty()) {
            return true;
        }
        String scope = subscription.attributes().get("FilterPolicyScope");
        EventPattern pattern;
        try {
            pattern = compiled.get(policy, Dialect.snsScope(scope));
        } catch (InvalidPatternException e) {
            // Checked when set; a policy stored by an older server that no longer compiles lets nothing through.
            return false;
        }
        if (pattern.dialect() == Dialect.SNS_MESSAGE_BODY) {
            return pattern.matches(message.messageFor(subscription.protocol()));
        }
        Map<String, dev.cloudjar.core.events.MessageAttribute> attributes = new LinkedHashMap<>();
        message.attributes().forEach((name, a) ->
                attributes.put(name, new dev.cloudjar.core.events.MessageAttribute(a.dataType(), a.value())));
        return pattern.matchesMessageAttributes(attributes);
    }
}
