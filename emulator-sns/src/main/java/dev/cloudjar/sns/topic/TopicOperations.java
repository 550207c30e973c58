package dev.cloudjar.sns.topic;

import dev.cloudjar.core.spi.Arn;
import dev.cloudjar.core.spi.Input;
import dev.cloudjar.core.spi.Output;
import dev.cloudjar.core.spi.Pages;
import dev.cloudjar.core.spi.RecordJson;
import dev.cloudjar.core.spi.RequestContext;
import dev.cloudjar.core.spi.Scope;
import dev.cloudjar.core.spi.StripedLocks;
import dev.cloudjar.sns.SnsErrors;
import dev.cloudjar.sns.store.SnsStore;
import dev.cloudjar.sns.store.SubscriptionRecord;
import dev.cloudjar.sns.store.TopicArns;
import dev.cloudjar.sns.store.TopicRecord;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/** CreateTopic, DeleteTopic, ListTopics, Get/SetTopicAttributes and the tagging operations on topics. */
public final class TopicOperations {
    /** SNS's list operations answer 100 items a page. */
    private static final int PAGE_SIZE = 100;

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,256}");
    private static final Pattern FIFO_NAME = Pattern.compile("[A-Za-z0-9_-]{1,251}\\.fifo");
    private static final int MAX_TAGS = 50;
    /** The attributes CreateTopic and SetTopicAttributes take (SNS API reference, CreateTopic). */
    private static final Set<String> SETTABLE = Set.of("DeliveryPolicy", "DisplayName", "Policy", "SignatureVersion",
            "TracingConfig", "KmsMasterKeyId", "ContentBasedDeduplication", "ArchivePolicy", "FifoThroughputScope",
            "DataProtectionPolicy", "HTTPSuccessFeedbackRoleArn", "HTTPFailureFeedbackRoleArn",
            "HTTPSuccessFeedbackSampleRate", "LambdaSuccessFeedbackRoleArn", "LambdaFailureFeedbackRoleArn",
            "LambdaSuccessFeedbackSampleRate", "SQSSuccessFeedbackRoleArn", "SQSFailureFeedbackRoleArn",
            "SQSSuccessFeedbackSampleRate", "FirehoseSuccessFeedbackRoleArn", "FirehoseFailureFeedbackRoleArn",
            "FirehoseSuccessFeedbackSampleRate", "ApplicationSuccessFeedbackRoleArn",
            "ApplicationFailureFeedbackRoleArn", "ApplicationSuccessFeedbackSampleRate");
    /** What GetTopicAttributes shows for a topic's delivery policy when none was set (an AWS answer's). */
    private static final String EFFECTIVE_DELIVERY_POLICY = "{\"http\":{\"defaultHealthyRetryPolicy\":"
            + "{\"minDelayTarget\":20,\"maxDelayTarget\":20,\"numRetries\":3,\"numMaxDelayRetries\":0,"
            + "\"numNoDelayRetries\":0,\"numMinDelayRetries\":0,\"backoffFunction\":\"linear\"},"
            + "\"disableSubscriptionOverrides\":false,\"defaultRequestPolicy\":{\"headerContentType\":\"text/plain; charset=UTF-8\"}}}";

    private final SnsStore store;

    public TopicOperations(SnsStore store) {
        this.store = store;
    }

    /**
     * Idempotent as on SNS: the same name with the same attributes and tags answers the existing
     * topic's ARN; different ones are an invalid parameter.
     */
    public Output createTopic(RequestContext context, Input input) {
        String name = input.string("Name");
        Map<String, String> attributes = strings(input.map("Attributes"));
        boolean fifo = "true".equalsIgnoreCase(attributes.get("FifoTopic"));
        if (fifo && !FIFO_NAME.matcher(name).matches()) {
            throw SnsErrors.invalidParameter("Fifo Topic names must end with .fifo and must be made up of only uppercase"
                    + " and lowercase ASCII letters, numbers, underscores, and hyphens, and must be between 1 and 256"
                    + " characters long.");
        }
        if (!fifo && !NAME.matcher(name).matches()) {
            throw SnsErrors.invalidParameter("Topic Name");
        }
        attributes.remove("FifoTopic");
        for (Map.Entry<String, String> a : attributes.entrySet()) {
            validateAttribute(a.getKey(), a.getValue(), fifo);
        }
        if (fifo) {
            attributes.put("FifoTopic", "true");
        }
        Map<String, String> tags = tags(input.list("Tags"));
        Scope scope = context.scope();
        try (StripedLocks.Held ignored = store.lock(scope, name)) {
            TopicRecord existing = store.topic(scope, name).orElse(null);
            if (existing != null) {
                if (!sameAsGiven(existing, attributes)) {
                    throw SnsErrors.invalidParameter("Attributes", "Topic already exists with different attributes");
                }
                if (!tags.isEmpty() && !existing.tags().equals(tags)) {
                    throw SnsErrors.invalidParameter("Tags", "Topic already exists with different tags");
                }
                return Output.of("TopicArn", existing.arn());
            }
            String arn = Arn.of("sns", scope, name).toString();
            store.put(scope, new TopicRecord(name, arn, context.accountId(), attributes, tags, 0));
            return Output.of("TopicArn", arn);
        }
    }

    /**
     * Whether each attribute the request gives has that value on the existing topic: CreateTopic
     * with the name alone answers a topic whose attributes were set since, as applications call it
     * at every start.
     */
    private static boolean sameAsGiven(TopicRecord existing, Map<String, String> given) {
        if (existing.fifo() != "true".equals(given.get("FifoTopic"))) {
            return false;
        }
        return given.entrySet().stream().allMatch(a -> a.getValue().equals(existing.attributes().get(a.getKey())));
    }

    /** Deleting a topic that is not there succeeds, as on SNS; its subscriptions go with it. */
    public Output deleteTopic(RequestContext context, Input input) {
        Arn arn = TopicArns.topic(context, input.string("TopicArn"), "TopicArn");
        try (StripedLocks.Held ignored = store.lock(arn.scope(), arn.resource())) {
            store.deleteTopic(arn.scope(), arn.resource());
        }
        return Output.empty();
    }

    public Output listTopics(RequestContext context, Input input) {
        Pages<TopicRecord> page = Pages.of(store.topics(context.scope()), TopicRecord::name, input.string("NextToken"), PAGE_SIZE,
                () -> SnsErrors.invalidParameter("NextToken"));
        return Output.of("Topics", page.items().stream().map(t -> Map.of("TopicArn", t.arn())).toList())
                .put("NextToken", page.nextToken());
    }

    public Output getTopicAttributes(RequestContext context, Input input) {
        TopicRecord topic = topic(context, input.string("TopicArn"));
        List<SubscriptionRecord> subscriptions = store.subscriptions(topic.scope(), topic.name());
        long confirmed = subscriptions.stream().filter(SubscriptionRecord::confirmed).count();
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("Policy", defaultPolicy(topic));
        attributes.put("Owner", topic.owner());
        attributes.put("SubscriptionsPending", Long.toString(subscriptions.size() - confirmed));
        attributes.put("TopicArn", topic.arn());
        attributes.put("EffectiveDeliveryPolicy", EFFECTIVE_DELIVERY_POLICY);
        attributes.put("SubscriptionsConfirmed", Long.toString(confirmed));
        attributes.put("DisplayName", "");
        attributes.put("SubscriptionsDeleted", "0");
        if (topic.fifo()) {
            attributes.put("ContentBasedDeduplication", "false");
        }
        attributes.putAll(topic.attributes());
        if (topic.attributes().containsKey("DeliveryPolicy")) {
            attributes.put("EffectiveDeliveryPolicy", topic.attributes().get("DeliveryPolicy"));
        }
        return Output.of("Attributes", attributes);
    }

    public Output setTopicAttributes(RequestContext context, Input input) {
        String name = input.string("AttributeName");
        String value = input.string("AttributeValue") == null ? "" : input.string("AttributeValue");
        Arn arn = TopicArns.topic(context, input.string("TopicArn"), "TopicArn");
        try (StripedLocks.Held ignored = store.lock(arn.scope(), arn.resource())) {
            TopicRecord topic = store.topic(arn.scope(), arn.resource()).orElseThrow(SnsErrors::topicNotFound);
            validateAttribute(name, value, topic.fifo());
            Map<String, String> attributes = new LinkedHashMap<>(topic.attributes());
            attributes.put(name, value);
            store.put(arn.scope(), topic.withAttributes(attributes));
        }
        return Output.empty();
    }

    public Output tagResource(RequestContext context, Input input) {
        Map<String, String> added = tags(input.list("Tags"));
        return changeTags(context, input.string("ResourceArn"), tags -> {
            tags.putAll(added);
            if (tags.size() > MAX_TAGS) {
                throw SnsErrors.tagLimitExceeded();
            }
        });
    }

    public Output untagResource(RequestContext context, Input input) {
        List<Object> keys = input.list("TagKeys");
        return changeTags(context, input.string("ResourceArn"), tags -> keys.forEach(tags::remove));
    }

    public Output listTagsForResource(RequestContext context, Input input) {
        TopicRecord topic = taggable(context, input.string("ResourceArn"));
        return Output.of("Tags", topic.tags().entrySet().stream()
                .map(t -> Map.of("Key", t.getKey(), "Value", t.getValue())).toList());
    }

    private Output changeTags(RequestContext context, String resourceArn, Consumer<Map<String, String>> change) {
        TopicRecord found = taggable(context, resourceArn);
        Scope scope = found.scope();
        try (StripedLocks.Held ignored = store.lock(scope, found.name())) {
            TopicRecord topic = store.topic(scope, found.name()).orElseThrow(SnsErrors::resourceNotFound);
            Map<String, String> tags = new LinkedHashMap<>(topic.tags());
            change.accept(tags);
            store.put(scope, topic.withTags(tags));
        }
        return Output.empty();
    }

    /** The tagging operations name a missing or malformed resource ResourceNotFound, not NotFound. */
    private TopicRecord taggable(RequestContext context, String resourceArn) {
        Arn arn;
        try {
            arn = TopicArns.topic(context, resourceArn, "ResourceArn");
        } catch (RuntimeException e) {
            throw SnsErrors.resourceNotFound();
        }
        return store.topic(arn.scope(), arn.resource()).orElseThrow(SnsErrors::resourceNotFound);
    }

    private TopicRecord topic(RequestContext context, String topicArn) {
        Arn arn = TopicArns.topic(context, topicArn, "TopicArn");
        return store.topic(arn.scope(), arn.resource()).orElseThrow(SnsErrors::topicNotFound);
    }

    private static void validateAttribute(String name, String value, boolean fifo) {
        if (name.equals("FifoTopic")) {
            // A topic's type is chosen when it is created.
            throw SnsErrors.invalidParameter("AttributeName");
        }
        if (!SETTABLE.contains(name) || (name.equals("ContentBasedDeduplication") && !fifo)) {
            throw SnsErrors.invalidParameter("AttributeName");
        }
        if (name.equals("ContentBasedDeduplication") && !value.equals("true") && !value.equals("false")) {
            throw SnsErrors.invalidParameter("ContentBasedDeduplication", "Invalid value [" + value + "]. Must be true or false.");
        }
        if ((name.equals("Policy") || name.equals("DeliveryPolicy")) && !isJsonObject(value)) {
            throw SnsErrors.invalidParameter(name, "failed to parse JSON.");
        }
    }

    private static boolean isJsonObject(String value) {
        try {
            return RecordJson.tree(value).isObject();
        } catch (IOException e) {
            return false;
        }
    }

    private static Map<String, String> strings(Map<String, Object> map) {
        Map<String, String> strings = new LinkedHashMap<>();
        if (map != null) {
            map.forEach((k, v) -> strings.put(k, String.valueOf(v)));
        }
        return strings;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> tags(List<Object> list) {
        Map<String, String> tags = new LinkedHashMap<>();
        if (list != null) {
            for (Object o : list) {
                Map<String, Object> tag = (Map<String, Object>) o;
                tags.put(String.valueOf(tag.get("Key")), String.valueOf(tag.get("Value")));
            }
        }
        if (tags.size() > MAX_TAGS) {
            throw SnsErrors.tagLimitExceeded();
        }
        return tags;
    }

    /** The policy SNS gives a topic created without one: the owner's account may do everything. */
    private static String defaultPolicy(TopicRecord topic) {
        return "{\"Version\":\"2008-10-17\",\"Id\":\"__default_policy_ID\",\"Statement\":[{\"Sid\":\"__default_statement_ID\","
                + "\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"*\"},\"Action\":[\"SNS:GetTopicAttributes\","
                + "\"SNS:SetTopicAttributes\",\"SNS:AddPermission\",\"SNS:RemovePermission\",\"SNS:DeleteTopic\","
                + "\"SNS:Subscribe\",\"SNS:ListSubscriptionsByTopic\",\"SNS:Publish\"],\"Resource\":\"" + topic.arn()
                + "\",\"Condition\":{\"StringEquals\":{\"AWS:SourceOwner\":\"" + topic.owner() + "\"}}}]}";
    }
}
