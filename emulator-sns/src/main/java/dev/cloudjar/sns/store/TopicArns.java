package dev.cloudjar.sns.store;

import dev.cloudjar.core.spi.Arn;
import dev.cloudjar.core.spi.RequestContext;
import dev.cloudjar.sns.SnsErrors;

import java.util.regex.Pattern;

/** Reads the topic and subscription ARNs requests name; SNS refuses a malformed one as an invalid parameter. */
public final class TopicArns {
    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");

    private TopicArns() {
    }

    /**
     * The ARN of a topic in the request's region (SNS answers another region's ARN as an invalid
     * parameter); the account may be another's.
     *
     * @param member the parameter named in the error, e.g. TopicArn
     */
    public static Arn topic(RequestContext context, String arn, String member) {
        Arn parsed = parse(context, arn, member);
        if (parsed.resource().contains(":") || parsed.resource().isEmpty()) {
            throw SnsErrors.invalidParameter(member);
        }
        return parsed;
    }

    /**
     * A topic's ARN in a link SNS sent (a SubscribeURL, an UnsubscribeURL): opened unsigned, such a
     * request has no region of its own, so the ARN's region is the one meant.
     */
    public static Arn linkedTopic(RequestContext context, String arn, String member) {
        return topic(linked(context, arn), arn, member);
    }

    /** A subscription's ARN in a link SNS sent (an UnsubscribeURL). */
    public static Arn linkedSubscription(RequestContext context, String arn) {
        return subscription(linked(context, arn), arn);
    }

    /** The context in the ARN's region when the caller is anonymous (it followed a link), else the context. */
    private static RequestContext linked(RequestContext context, String arn) {
        if (!context.principal().isAnonymous()) {
            return context;
        }
        try {
            Arn parsed = Arn.parse(arn);
            return new RequestContext(context.requestId(), context.service(), context.operation(), parsed.scope(),
                    context.principal(), context.endpoint(), context.receivedAt(), context.trace());
        } catch (IllegalArgumentException e) {
            return context;
        }
    }

    /** A subscription's ARN: its topic's ARN and a UUID. */
    public static Arn subscription(RequestContext context, String arn) {
        Arn parsed = parse(context, arn, "SubscriptionArn");
        String resource = parsed.resource();
        int colon = resource.indexOf(':');
        if (colon <= 0 || colon == resource.length() - 1 || resource.indexOf(':', colon + 1) >= 0) {
            throw SnsErrors.invalidParameter("SubscriptionArn");
        }
        return parsed;
    }

    /** The topic name in a subscription ARN's resource ({@code topic:uuid}). */
    public static String topicOf(Arn subscription) {
        return subscription.resource().substring(0, subscription.resource().indexOf(':'));
    }

    public static String idOf(Arn subscription) {
        return subscription.resource().substring(subscription.resource().indexOf(':') + 1);
    }

    private static Arn parse(RequestContext context, String arn, String member) {
        Arn parsed;
        try {
            parsed = Arn.parse(arn);
        } catch (IllegalArgumentException e) {
            throw SnsErrors.invalidParameter(member);
        }
        if (!parsed.service().equals("sns") || !ACCOUNT.matcher(parsed.account()).matches() || !parsed.region().equals(context.region())) {
            throw SnsErrors.invalidParameter(member);
        }
        return parsed;
    }
}
