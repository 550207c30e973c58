package dev.cloudjar.sns.subscription;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cloudjar.core.events.Dialect;
import dev.cloudjar.core.events.EventPattern;
import dev.cloudjar.core.events.InvalidPatternException;
import dev.cloudjar.core.spi.Arn;
import dev.cloudjar.core.spi.Input;
import dev.cloudjar.core.spi.Output;
import dev.cloudjar.core.spi.Pages;
import dev.cloudjar.core.spi.RecordJson;
import dev.cloudjar.core.spi.RequestContext;
import dev.cloudjar.core.spi.Scope;
import dev.cloudjar.core.spi.StripedLocks;
import dev.cloudjar.sns.SnsErrors;
import dev.cloudjar.sns.publish.HttpDeliveryPolicy;
import dev.cloudjar.sns.publish.HttpSubscribers;
import dev.cloudjar.sns.publish.Outbox;
import dev.cloudjar.sns.store.SnsStore;
import dev.cloudjar.sns.store.SubscriptionRecord;
import dev.cloudjar.sns.store.TopicArns;
import dev.cloudjar.sns.store.TopicRecord;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Subscribe, ConfirmSubscription, Unsubscribe, the two listings and the subscription attributes.
 * An SQS queue, Lambda function or phone number is confirmed at once, as SNS does; an http/https
 * endpoint is sent a SubscriptionConfirmation and an e-mail address a confirmation e-mail
 * (recorded), and each stays pending until ConfirmSubscription presents its token, which the
 * message's SubscribeURL does unsigned. Application and firehose subscriptions stay pending.
 */
public final class SubscriptionOperations {
    private static final Set<String> PROTOCOLS = Set.of("http", "https", "email", "email-json", "sms", "sqs",
            "application", "lambda", "firehose");
    private static final Set<String> ATTRIBUTES = Set.of("DeliveryPolicy", "FilterPolicy", "FilterPolicyScope",
            "RawMessageDelivery", "RedrivePolicy", "SubscriptionRoleArn", "ReplayPolicy");
    private static final String PENDING = "pending confirmation";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SnsStore store;
    private final HttpSubscribers http;
    private final Outbox outbox;
    private final Clock clock;

    public SubscriptionOperations(SnsStore store, HttpSubscribers http, Outbox outbox, Clock clock) {
        this.store = store;
        this.http = http;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** The same topic, protocol and endpoint again answer the existing subscription, as on SNS. */
    public Output subscribe(RequestContext context, Input input) {
        Arn topicArn = TopicArns.topic(context, input.string("TopicArn"), "TopicArn");
        String protocol = input.string("Protocol");
        String endpoint = input.string("Endpoint");
        if (!PROTOCOLS.contains(protocol)) {
            throw SnsErrors.invalidParameter("Amazon SNS does not support this protocol string: " + protocol);
        }
        validateEndpoint(protocol, endpoint);
        Map<String, String> attributes = new LinkedHashMap<>();
        if (input.map("Attributes") != null) {
            input.map("Attributes").forEach((k, v) -> attributes.put(k, String.valueOf(v)));
        }
        attributes.forEach((name, value) -> validateAttribute(name, value, protocol));
        checkFilterPolicy(attributes, true);
        Scope scope = topicArn.scope();
        try (StripedLocks.Held ignored = store.lock(scope, topicArn.resource())) {
            TopicRecord topic = store.topic(scope, topicArn.resource()).orElseThrow(SnsErrors::topicNotFound);
            if (topic.fifo() && !protocol.equals("sqs")) {
                // FIFO topics deliver only to SQS queues (SNS Developer Guide, "FIFO topics").
                throw SnsErrors.invalidParameter("Endpoint", "Only SQS queues can subscribe to FIFO topics");
            }
            if (protocol.equals("sqs") && endpoint.endsWith(".fifo") && !topic.fifo()) {
                // SNS repeats "Invalid parameter:" in this message.
                throw SnsErrors.invalidParameter("Invalid parameter: Endpoint",
                        "FIFO SQS Queues can not be subscribed to standard SNS topics");
            }
            for (SubscriptionRecord existing : store.subscriptions(scope, topic.name())) {
                if (existing.protocol().equals(protocol) && existing.endpoint().equals(endpoint)) {
                    if (!attributes.isEmpty() && !existing.attributes().equals(attributes)) {
                        throw SnsErrors.invalidParameter("Attributes", "Subscription already exists with different attributes");
                    }
                    // Subscribing a pending endpoint again sends its confirmation request again.
                    if (!existing.confirmed()) {
                        requestConfirmation(topic, existing);
                    }
                    return answer(existing, input);
                }
            }
            boolean confirmedAtOnce = protocol.equals("sqs") || protocol.equals("lambda") || protocol.equals("sms");
            SubscriptionRecord created = new SubscriptionRecord(topic.arn() + ":" + UUID.randomUUID(), topic.arn(),
                    context.accountId(), protocol, endpoint, confirmedAtOnce, confirmedAtOnce ? null : token(), attributes);
            store.put(scope, topic.name(), created);
            if (!confirmedAtOnce) {
                requestConfirmation(topic, created);
            }
            return answer(created, input);
        }
    }

    /** Sends (http/https) or records (e-mail) the request to confirm a pending subscription. */
    private void requestConfirmation(TopicRecord topic, SubscriptionRecord s) {
        switch (s.protocol()) {
            case "http", "https" -> http.confirmation("SubscriptionConfirmation", topic, s, s.token(), clock.instant());
            case "email", "email-json" -> outbox.confirmation(topic, s, s.token());
            default -> {
            }
        }
    }

    /** A confirmation token: SNS's are long hexadecimal strings. */
    private static String token() {
        byte[] bytes = new byte[64];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static Output answer(SubscriptionRecord subscription, Input input) {
        boolean returnArn = Boolean.TRUE.equals(input.bool("ReturnSubscriptionArn"));
        return Output.of("SubscriptionArn", subscription.confirmed() || returnArn ? subscription.arn() : PENDING);
    }

    /**
     * Confirms the subscription whose token this is (confirming again answers its ARN); an unknown
     * token is refused as on SNS. A SubscribeURL opened unsigned names the topic's region in its ARN.
     */
    public Output confirmSubscription(RequestContext context, Input input) {
        Arn topicArn = TopicArns.linkedTopic(context, input.string("TopicArn"), "TopicArn");
        Scope scope = topicArn.scope();
        try (StripedLocks.Held ignored = store.lock(scope, topicArn.resource())) {
            store.topic(scope, topicArn.resource()).orElseThrow(SnsErrors::topicNotFound);
            for (SubscriptionRecord s : store.subscriptions(scope, topicArn.resource())) {
                if (input.string("Token").equals(s.token())) {
                    store.put(scope, topicArn.resource(), s.confirm());
                    return Output.of("SubscriptionArn", s.arn());
                }
            }
        }
        throw SnsErrors.invalidParameter("Token");
    }

    /**
     * Unsubscribing a subscription that is not there succeeds: the API reference lists NotFound,
     * but SNS answers such a call with success (moto's issue #3000 records the check on AWS).
     */
    public Output unsubscribe(RequestContext context, Input input) {
        Arn arn = TopicArns.linkedSubscription(context, input.string("SubscriptionArn"));
        String topic = TopicArns.topicOf(arn);
        try (StripedLocks.Held ignored = store.lock(arn.scope(), topic)) {
            SubscriptionRecord s = store.subscription(arn.scope(), topic, TopicArns.idOf(arn)).orElse(null);
            store.deleteSubscription(arn.scope(), topic, TopicArns.idOf(arn));
            // An http/https endpoint hears that it was unsubscribed ("HTTP/HTTPS unsubscribe confirmation JSON format").
            if (s != null && s.confirmed() && (s.protocol().equals("http") || s.protocol().equals("https"))) {
                store.topic(arn.scope(), topic).ifPresent(t ->
                        http.confirmation("UnsubscribeConfirmation", t, s, token(), clock.instant()));
            }
        }
        return Output.empty();
    }

    public Output listSubscriptions(RequestContext context, Input input) {
        return page(store.subscriptions(context.scope()), input.string("NextToken"));
    }

    public Output listSubscriptionsByTopic(RequestContext context, Input input) {
        Arn topicArn = TopicArns.topic(context, input.string("TopicArn"), "TopicArn");
        store.topic(topicArn.scope(), topicArn.resource()).orElseThrow(SnsErrors::topicNotFound);
        return page(store.subscriptions(topicArn.scope(), topicArn.resource()), input.string("NextToken"));
    }

    private static Output page(List<SubscriptionRecord> all, String token) {
        Pages<SubscriptionRecord> page = Pages.of(all, s -> TopicArns.topicOf(Arn.parse(s.arn())) + '\0' + s.id(), token,
                SnsErrors.PAGE_SIZE, () -> SnsErrors.invalidParameter("NextToken"));
        return Output.of("Subscriptions", page.items().stream().map(s -> {
            Map<String, Object> listed = new LinkedHashMap<>();
            listed.put("SubscriptionArn", s.confirmed() ? s.arn() : "PendingConfirmation");
            listed.put("Owner", s.owner());
            listed.put("Protocol", s.protocol());
            listed.put("Endpoint", s.endpoint());
            listed.put("TopicArn", s.topicArn());
            return listed;
        }).toList()).put("NextToken", page.nextToken());
    }

    public Output getSubscriptionAttributes(RequestContext context, Input input) {
        SubscriptionRecord s = subscription(context, input.string("SubscriptionArn"));
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("ConfirmationWasAuthenticated", Boolean.toString(s.confirmed()));
        attributes.put("PendingConfirmation", Boolean.toString(!s.confirmed()));
        attributes.put("Owner", s.owner());
        attributes.put("RawMessageDelivery", "false");
        attributes.put("TopicArn", s.topicArn());
        attributes.put("Endpoint", s.endpoint());
        attributes.put("Protocol", s.protocol());
        attributes.put("SubscriptionArn", s.arn());
        attributes.put("SubscriptionPrincipal", "arn:aws:iam::" + s.owner() + ":root");
        attributes.putAll(s.attributes());
        if (s.attributes().containsKey("FilterPolicy") && !s.attributes().containsKey("FilterPolicyScope")) {
            attributes.put("FilterPolicyScope", "MessageAttributes");
        }
        return Output.of("Attributes", attributes);
    }

    public Output setSubscriptionAttributes(RequestContext context, Input input) {
        Arn arn = TopicArns.subscription(context, input.string("SubscriptionArn"));
        String name = input.string("AttributeName");
        String value = input.string("AttributeValue") == null ? "" : input.string("AttributeValue");
        String topic = TopicArns.topicOf(arn);
        try (StripedLocks.Held ignored = store.lock(arn.scope(), topic)) {
            SubscriptionRecord s = store.subscription(arn.scope(), topic, TopicArns.idOf(arn))
                    .orElseThrow(SnsErrors::subscriptionNotFound);
            Map<String, String> attributes = new LinkedHashMap<>(s.attributes());
            if (value.isEmpty() && (name.equals("FilterPolicy") || name.equals("RedrivePolicy"))) {
                // An empty policy removes the policy (SNS API reference, SetSubscriptionAttributes).
                attributes.remove(name);
            } else {
                validateAttribute(name, value, s.protocol());
                attributes.put(name, value);
            }
            // A new scope re-checks the policy too: a nested policy suits MessageBody only.
            checkFilterPolicy(attributes, false);
            store.put(arn.scope(), topic, s.withAttributes(attributes));
        }
        return Output.empty();
    }

    /**
     * Compiles the filter policy under its scope, as SNS checks it when it is set: Subscribe words
     * a refusal "Invalid parameter: Attributes Reason: FilterPolicy: ...", SetSubscriptionAttributes
     * "Invalid parameter: FilterPolicy: ...".
     */
    private static void checkFilterPolicy(Map<String, String> attributes, boolean subscribe) {
        String policy = attributes.get("FilterPolicy");
        if (policy == null) {
            return;
        }
        try {
            EventPattern.compile(policy, Dialect.snsScope(attributes.get("FilterPolicyScope")));
        } catch (InvalidPatternException e) {
            throw subscribe ? SnsErrors.invalidParameter("Attributes", e.reason()) : SnsErrors.invalidParameter(e.reason());
        }
    }

    private SubscriptionRecord subscription(RequestContext context, String subscriptionArn) {
        Arn arn = TopicArns.subscription(context, subscriptionArn);
        return store.subscription(arn.scope(), TopicArns.topicOf(arn), TopicArns.idOf(arn))
                .orElseThrow(SnsErrors::subscriptionNotFound);
    }

    private static void validateEndpoint(String protocol, String endpoint) {
        boolean valid = endpoint != null && switch (protocol) {
            case "sqs" -> isArn(endpoint, "sqs");
            case "lambda" -> isArn(endpoint, "lambda");
            case "firehose" -> isArn(endpoint, "firehose");
            case "application" -> isArn(endpoint, "sns");
            case "http" -> endpoint.startsWith("http://");
            case "https" -> endpoint.startsWith("https://");
            case "email", "email-json" -> endpoint.matches("[^@\\s]+@[^@\\s]+");
            default -> !endpoint.isEmpty();
        };
        if (!valid) {
            throw switch (protocol) {
                case "sqs" -> SnsErrors.invalidParameter("SQS endpoint ARN");
                case "lambda" -> SnsErrors.invalidParameter("Lambda endpoint ARN");
                case "email", "email-json" -> SnsErrors.invalidParameter("Email address");
                default -> SnsErrors.invalidParameter("Endpoint");
            };
        }
    }

    private static boolean isArn(String value, String service) {
        try {
            return Arn.parse(value).service().equals(service);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Stores and checks what SNS checks when an attribute is set: JSON policies must parse,
     * RawMessageDelivery is a boolean for the protocols that take it. A filter policy is compiled
     * by {@link #checkFilterPolicy} once every attribute is known (its scope decides its rules).
     */
    private static void validateAttribute(String name, String value, String protocol) {
        if (!ATTRIBUTES.contains(name)) {
            throw SnsErrors.invalidParameter("AttributeName");
        }
        switch (name) {
            case "RawMessageDelivery" -> {
                if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
                    throw SnsErrors.invalidParameter("Attributes", "RawMessageDelivery: Invalid value [" + value
                            + "]. Must be true or false.");
                }
                if (!Set.of("sqs", "http", "https", "firehose").contains(protocol)) {
                    throw SnsErrors.invalidParameter("Attributes", "Delivery protocol [" + protocol
                            + "] does not support raw message delivery.");
                }
            }
            case "FilterPolicyScope" -> {
                if (!value.equals("MessageAttributes") && !value.equals("MessageBody")) {
                    throw SnsErrors.invalidParameter("Attributes", "FilterPolicyScope: Invalid value [" + value
                            + "]. Please use either MessageBody or MessageAttributes");
                }
            }
            case "RedrivePolicy" -> {
                JsonNode policy = json(name, value);
                if (!policy.path("deadLetterTargetArn").isTextual() || !isArn(policy.path("deadLetterTargetArn").asText(), "sqs")) {
                    throw SnsErrors.invalidParameter("RedrivePolicy: deadLetterTargetArn is an invalid arn");
                }
            }
            case "DeliveryPolicy" -> {
                JsonNode policy = json(name, value);
                if (!policy.isObject()) {
                    throw SnsErrors.invalidParameter("DeliveryPolicy: failed to parse JSON.");
                }
                String problem = HttpDeliveryPolicy.problem(policy.path("healthyRetryPolicy"));
                if (problem != null) {
                    throw SnsErrors.invalidParameter("DeliveryPolicy: " + problem);
                }
            }
            default -> {
            }
        }
    }

    private static JsonNode json(String name, String value) {
        try {
            JsonNode node = RecordJson.tree(value);
            return node == null ? RecordJson.mapper().missingNode() : node;
        } catch (IOException e) {
            throw SnsErrors.invalidParameter(name + ": failed to parse JSON.");
        }
    }
}
