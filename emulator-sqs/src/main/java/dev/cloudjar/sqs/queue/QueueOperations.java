package dev.cloudjar.sqs.queue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cloudjar.core.spi.Input;
import dev.cloudjar.core.spi.Output;
import dev.cloudjar.core.spi.RecordJson;
import dev.cloudjar.core.spi.RequestContext;
import dev.cloudjar.core.spi.Scope;
import dev.cloudjar.sqs.SqsErrors;

import java.io.IOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * CreateQueue, GetQueueUrl, GetQueueAttributes, SetQueueAttributes, DeleteQueue, PurgeQueue,
 * ListQueues, and the queue tags: TagQueue, UntagQueue, ListQueueTags.
 */
public final class QueueOperations {
    private static final Set<String> SETTABLE = Set.of("VisibilityTimeout", "MessageRetentionPeriod", "DelaySeconds",
            "MaximumMessageSize", "ReceiveMessageWaitTimeSeconds", "RedrivePolicy", "RedriveAllowPolicy", "Policy",
            "FifoQueue", "ContentBasedDeduplication", "KmsMasterKeyId", "KmsDataKeyReusePeriodSeconds",
            "SqsManagedSseEnabled", "DeduplicationScope", "FifoThroughputLimit");
    /** Ranges SQS enforces on numeric attributes. */
    private static final Map<String, long[]> RANGES = Map.of(
            "VisibilityTimeout", new long[] {0, 43200},
            "MessageRetentionPeriod", new long[] {60, 1209600},
            "DelaySeconds", new long[] {0, 900},
            "MaximumMessageSize", new long[] {1024, 1048576},
            "ReceiveMessageWaitTimeSeconds", new long[] {0, 20});
    private static final int DEFAULT_LIST = 1000;
    private static final String INVALID_NAME = "Can only include alphanumeric characters, hyphens, or underscores."
            + " 1 to 80 in length";

    private final QueueRegistry queues;
    private final Clock clock;
    private final long purgeIntervalMillis;

    /** @param purgeIntervalMillis how long after a purge the next one fails (SQS: 60 s; 0 allows any) */
    public QueueOperations(QueueRegistry queues, Clock clock, long purgeIntervalMillis) {
        this.queues = queues;
        this.clock = clock;
        this.purgeIntervalMillis = purgeIntervalMillis;
    }

    /** A queue's URL on this server: endpoint/account/name, as SQS's are. */
    public static String url(RequestContext context, Queue queue) {
        return context.endpoint() + "/" + queue.scope().accountId() + "/" + queue.name();
    }

    /** The queue a QueueUrl names: its last two path segments are the account and the name. */
    public static Queue resolve(QueueRegistry queues, RequestContext context, String queueUrl) {
        String path = queueUrl.replaceFirst("^https?://[^/]*", "");
        String[] segments = path.split("/");
        if (segments.length < 3) {
            throw SqsErrors.queueDoesNotExist();
        }
        Scope scope = new Scope(segments[segments.length - 2], context.region());
        return queues.require(scope, segments[segments.length - 1]);
    }

    public Output createQueue(RequestContext context, Input input) {
        String name = input.string("QueueName");
        if (!name.matches("[A-Za-z0-9_-]{1,80}|[A-Za-z0-9_-]{1,75}\\.fifo")) {
            throw SqsErrors.invalidParameterValue(INVALID_NAME);
        }
        Map<String, String> attributes = withFifoDefaults(name, validated(attributes(input.map("Attributes"))));
        Queue queue = queues.create(context.scope(), name, attributes, attributes(input.map("tags")), clock.millis());
        return Output.of("QueueUrl", url(context, queue));
    }

    /**
     * A FIFO queue is named *.fifo and created with FifoQueue=true, neither without the other; it
     * reports SQS's FIFO defaults. ContentBasedDeduplication is unknown to standard queues.
     */
    private static Map<String, String> withFifoDefaults(String name, Map<String, String> attributes) {
        boolean fifo = "true".equalsIgnoreCase(attributes.get("FifoQueue"));
        if (fifo && !Queue.isFifo(name)) {
            throw SqsErrors.invalidParameterValue("The name of a FIFO queue can only include alphanumeric characters, "
                    + "hyphens, or underscores, must end with .fifo suffix and be 1 to 80 in length");
        }
        if (!fifo && Queue.isFifo(name)) {
            // To a standard queue ".fifo" is just a character its names cannot hold.
            throw SqsErrors.invalidParameterValue(INVALID_NAME);
        }
        if (!fifo) {
            if (attributes.containsKey("ContentBasedDeduplication")) {
                throw SqsErrors.invalidAttributeName("ContentBasedDeduplication");
            }
            for (String fifoOnly : List.of("DeduplicationScope", "FifoThroughputLimit")) {
                if (attributes.containsKey(fifoOnly)) {
                    throw SqsErrors.fifoOnlyAttribute(fifoOnly);
                }
            }
            return attributes;
        }
        Map<String, String> all = new LinkedHashMap<>(attributes);
        all.put("FifoQueue", "true");
        all.putIfAbsent("ContentBasedDeduplication", "false");
        all.putIfAbsent("DeduplicationScope", "queue");
        all.putIfAbsent("FifoThroughputLimit", "perQueue");
        return all;
    }

    public Output getQueueUrl(RequestContext context, Input input) {
        String account = input.has("QueueOwnerAWSAccountId") ? input.string("QueueOwnerAWSAccountId") : context.accountId();
        Queue queue = queues.require(new Scope(account, context.region()), input.string("QueueName"));
        return Output.of("QueueUrl", url(context, queue));
    }

    public Output getQueueAttributes(RequestContext context, Input input) {
        Queue queue = resolve(queues, context, input.string("QueueUrl"));
        List<Object> names = input.list("AttributeNames") == null ? List.of() : input.list("AttributeNames");
        Map<String, String> all = describe(queue);
        Map<String, String> chosen = new LinkedHashMap<>();
        for (Object requested : names) {
            String name = requested.toString();
            if (name.equals("All")) {
                chosen.putAll(all);
            } else if (all.containsKey(name)) {
                chosen.put(name, all.get(name));
            } else if (!SETTABLE.contains(name)) {
                throw SqsErrors.invalidAttributeName(name);
            }
        }
        return chosen.isEmpty() ? Output.empty() : Output.of("Attributes", chosen);
    }

    private Map<String, String> describe(Queue queue) {
        Map<String, String> all = new LinkedHashMap<>(queue.attributes());
        int[] counts = queue.messages().counts(clock.millis());
        all.put("QueueArn", queue.arn());
        all.put("ApproximateNumberOfMessages", Integer.toString(counts[0]));
        all.put("ApproximateNumberOfMessagesNotVisible", Integer.toString(counts[1]));
        all.put("ApproximateNumberOfMessagesDelayed", Integer.toString(counts[2]));
        all.put("CreatedTimestamp", Long.toString(queue.createdTimestamp() / 1000));
        all.put("LastModifiedTimestamp", Long.toString(queue.lastModifiedTimestamp() / 1000));
        return all;
    }

    public Output setQueueAttributes(RequestContext context, Input input) {
        Queue queue = resolve(queues, context, input.string("QueueUrl"));
        Map<String, String> changes = validated(attributes(input.map("Attributes")));
        if (changes.containsKey("FifoQueue")) {
            // Whether a queue is FIFO is fixed when it is created: unknown to a standard queue, unchangeable on a FIFO one.
            if (!queue.isFifo()) {
                throw SqsErrors.invalidAttributeName("FifoQueue");
            }
            if (!"true".equalsIgnoreCase(changes.get("FifoQueue"))) {
                throw SqsErrors.invalidAttributeValue("Invalid value for the parameter FifoQueue. Reason: Modifying queue"
                        + " type is not supported.");
            }
        }
        queues.setAttributes(queue, changes, clock.millis());
        return Output.empty();
    }

    public Output tagQueue(RequestContext context, Input input) {
        queues.tag(resolve(queues, context, input.string("QueueUrl")), attributes(input.map("Tags")));
        return Output.empty();
    }

    public Output untagQueue(RequestContext context, Input input) {
        List<String> keys = input.list("TagKeys").stream().map(String::valueOf).toList();
        queues.untag(resolve(queues, context, input.string("QueueUrl")), keys);
        return Output.empty();
    }

    public Output listQueueTags(RequestContext context, Input input) {
        Map<String, String> tags = resolve(queues, context, input.string("QueueUrl")).tags();
        return tags.isEmpty() ? Output.empty() : Output.of("Tags", tags);
    }

    public Output deleteQueue(RequestContext context, Input input) {
        Queue queue = resolve(queues, context, input.string("QueueUrl"));
        queues.delete(queue.scope(), queue.name());
        return Output.empty();
    }

    public Output purgeQueue(RequestContext context, Input input) {
        Queue queue = resolve(queues, context, input.string("QueueUrl"));
        if (!queue.startPurge(clock.millis(), purgeIntervalMillis)) {
            throw SqsErrors.purgeQueueInProgress(queue.name());
        }
        queue.messages().purge();
        return Output.empty();
    }

    public Output listQueues(RequestContext context, Input input) {
        String prefix = input.has("QueueNamePrefix") ? input.string("QueueNamePrefix") : "";
        List<String> urls = queues.list(context.scope()).stream().filter(q -> q.name().startsWith(prefix))
                .map(q -> url(context, q)).toList();
        int size = input.has("MaxResults") ? input.integer("MaxResults") : DEFAULT_LIST;
        if (size < 1 || size > DEFAULT_LIST) {
            throw SqsErrors.invalidParameterValue("Value " + size + " for parameter MaxResults is invalid. "
                    + "Reason: MaxResults must be an integer between 1 and 1000.");
        }
        int from = input.has("NextToken") ? nextToken(input.string("NextToken")) : 0;
        int to = Math.min(urls.size(), from + size);
        Output output = urls.isEmpty() ? Output.empty() : Output.of("QueueUrls", urls.subList(Math.min(from, to), to));
        return input.has("MaxResults") && to < urls.size() ? output.put("NextToken", Integer.toString(to)) : output;
    }

    /** The position a ListQueues page ended at; a token that is not one of ours is a client error, not a 500. */
    private static int nextToken(String token) {
        try {
            int from = Integer.parseInt(token);
            if (from >= 0) {
                return from;
            }
        } catch (NumberFormatException e) {
            // Answered below.
        }
        throw SqsErrors.invalidParameterValue("Invalid NextToken value.");
    }

    private static Map<String, String> attributes(Map<String, Object> raw) {
        Map<String, String> attributes = new LinkedHashMap<>();
        if (raw != null) {
            raw.forEach((k, v) -> attributes.put(k, String.valueOf(v)));
        }
        return attributes;
    }

    private static Map<String, String> validated(Map<String, String> attributes) {
        for (Map.Entry<String, String> a : attributes.entrySet()) {
            if (!SETTABLE.contains(a.getKey())) {
                throw SqsErrors.invalidAttributeName(a.getKey());
            }
            long[] range = RANGES.get(a.getKey());
            if (range != null) {
                long value;
                try {
                    value = Long.parseLong(a.getValue());
                } catch (NumberFormatException e) {
                    throw SqsErrors.invalidAttributeValue("Invalid value for the parameter " + a.getKey() + ".");
                }
                if (value < range[0] || value > range[1]) {
                    throw SqsErrors.invalidAttributeValue("Invalid value for the parameter " + a.getKey() + ".");
                }
            }
            if (a.getKey().equals("RedrivePolicy")) {
                redrivePolicy(a.getValue());
            }
        }
        return attributes;
    }

    /** Parses a RedrivePolicy: {"deadLetterTargetArn": ..., "maxReceiveCount": 1..1000}. */
    public static JsonNode redrivePolicy(String json) {
        try {
            JsonNode policy = RecordJson.mapper().readTree(json);
            int max = policy.path("maxReceiveCount").asInt(0);
            if (!policy.path("deadLetterTargetArn").isTextual() || max < 1 || max > 1000) {
                throw SqsErrors.invalidAttributeValue("Value " + json + " for parameter RedrivePolicy is invalid. "
                        + "Reason: Redrive policy is not a valid JSON map or is missing deadLetterTargetArn or maxReceiveCount.");
            }
            return policy;
        } catch (IOException e) {
            throw SqsErrors.invalidAttributeValue("Value " + json + " for parameter RedrivePolicy is invalid. "
                    + "Reason: Redrive policy is not a valid JSON map.");
        }
    }
}
