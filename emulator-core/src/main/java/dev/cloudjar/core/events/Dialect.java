package dev.cloudjar.core.events;

/**
 * Whose rules a pattern follows. EventBridge event patterns and SNS filter policies share one
 * syntax (AWS runs the same engine, event-ruler, behind both), but SNS validates more strictly and
 * its two filter policy scopes differ: a MessageAttributes policy is flat, a MessageBody policy
 * may nest.
 */
public enum Dialect {
    /** An EventBridge rule's, archive's or pipe's EventPattern. */
    EVENTBRIDGE,
    /** An SNS subscription's FilterPolicy with FilterPolicyScope MessageAttributes (the default). */
    SNS_MESSAGE_ATTRIBUTES,
    /** An SNS subscription's FilterPolicy with FilterPolicyScope MessageBody. */
    SNS_MESSAGE_BODY;

    /** The SNS dialect for a subscription's FilterPolicyScope attribute (absent means MessageAttributes). */
    public static Dialect snsScope(String filterPolicyScope) {
        return "MessageBody".equals(filterPolicyScope) ? SNS_MESSAGE_BODY : SNS_MESSAGE_ATTRIBUTES;
    }

    boolean isSns() {
        return this != EVENTBRIDGE;
    }
}
