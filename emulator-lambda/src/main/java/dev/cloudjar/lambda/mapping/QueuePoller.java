package dev.cloudjar.lambda.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cloudjar.core.spi.QueueSource;
import dev.cloudjar.core.spi.RecordJson;
import dev.cloudjar.core.spi.Scope;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Polls an SQS queue for one mapping as Lambda does: receives up to BatchSize messages (waiting
 * up to MaximumBatchingWindowInSeconds to fill the batch), invokes the function with them, and
 * deletes them when it succeeds. On an error the messages stay, to become visible again after
 * the queue's visibility timeout, so the queue's redrive policy moves them on in the end. With
 * ReportBatchItemFailures only the messages the function names stay. Messages no filter pattern
 * matches are deleted unprocessed.
 */
final class QueuePoller implements MappingPollers.BatchPoller {
    private static final int MAX_RECEIVE = 10;

    private final Scope scope;
    private final Supplier<Optional<QueueSource>> queues;
    private final BatchInvoker invoker;
    private final List<QueueSource.ReceivedMessage> pending = new ArrayList<>();
    private long firstReceivedAt;

    QueuePoller(Scope scope, Supplier<Optional<QueueSource>> queues, BatchInvoker invoker) {
        this.scope = scope;
        this.queues = queues;
        this.invoker = invoker;
    }

    @Override
    public long poll(EventSourceMapping mapping) {
        QueueSource queue = queues.get().orElse(null);
        if (queue == null) {
            return MappingPollers.IDLE_MILLIS;
        }
        String arn = mapping.eventSourceArn();
        while (pending.size() < mapping.batchSize()) {
            List<QueueSource.ReceivedMessage> received = queue.receive(arn, Math.min(MAX_RECEIVE, mapping.batchSize() - pending.size()));
            if (received.isEmpty()) {
                break;
            }
            if (pending.isEmpty()) {
                firstReceivedAt = System.currentTimeMillis();
            }
            pending.addAll(received);
        }
        if (pending.isEmpty() || pending.size() < mapping.batchSize()
                && System.currentTimeMillis() - firstReceivedAt < mapping.maximumBatchingWindowInSeconds() * 1000L) {
            return MappingPollers.IDLE_MILLIS;
        }
        List<QueueSource.ReceivedMessage> batch = List.copyOf(pending);
        pending.clear();
        deliver(queue, mapping, batch);
        return MappingPollers.AT_ONCE;
    }

    private void deliver(QueueSource queue, EventSourceMapping mapping, List<QueueSource.ReceivedMessage> batch) {
        String arn = mapping.eventSourceArn();
        EventFilter filter = EventFilter.of(mapping.filterPatterns());
        List<QueueSource.ReceivedMessage> matching = new ArrayList<>();
        List<Map<String, Object>> records = new ArrayList<>();
        for (QueueSource.ReceivedMessage message : batch) {
            Map<String, Object> record = record(message, arn);
            if (filter.matches(filterable(record))) {
                matching.add(message);
                records.add(record);
            } else {
                queue.delete(arn, message.receiptHandle());
            }
        }
        if (matching.isEmpty()) {
            return;
        }
        BatchInvoker.Outcome outcome = invoker.invoke(scope, mapping, records);
        if (!outcome.succeeded()) {
            return;
        }
        Set<String> failed = mapping.reportsBatchItemFailures() ? failedItems(outcome.result().payload(), matching) : Set.of();
        if (failed == null) {
            return;
        }
        for (QueueSource.ReceivedMessage message : matching) {
            if (!failed.contains(message.messageId())) {
                queue.delete(arn, message.receiptHandle());
            }
        }
    }

    /**
     * The message ids in the response's batchItemFailures (none for an empty or null response);
     * null when the response is not JSON or names an id not in the batch, which Lambda takes as
     * the whole batch failing.
     */
    private static Set<String> failedItems(byte[] response, List<QueueSource.ReceivedMessage> batch) {
        JsonNode failures;
        try {
            failures = RecordJson.mapper().readTree(response).path("batchItemFailures");
        } catch (IOException e) {
            return null;
        }
        Set<String> ids = new HashSet<>();
        batch.forEach(m -> ids.add(m.messageId()));
        Set<String> failed = new HashSet<>();
        for (JsonNode failure : failures) {
            String id = failure.path("itemIdentifier").asText("");
            if (!ids.contains(id)) {
                return null;
            }
            failed.add(id);
        }
        return failed;
    }

    /** The record as filters see it: a body that is JSON is matched as JSON, as Lambda does. */
    private static Map<String, Object> filterable(Map<String, Object> record) {
        try {
            JsonNode body = RecordJson.tree((String) record.get("body"));
            if (body != null && body.isObject()) {
                Map<String, Object> parsed = new LinkedHashMap<>(record);
                parsed.put("body", body);
                return parsed;
            }
        } catch (IOException e) {
            // a plain-text body is matched as a string
        }
        return record;
    }

    /** A record of Lambda's SQS event. */
    private Map<String, Object> record(QueueSource.ReceivedMessage message, String queueArn) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        message.messageAttributes().forEach((name, a) -> {
            Map<String, Object> attribute = new LinkedHashMap<>();
            if (a.stringValue() != null) {
                attribute.put("stringValue", a.stringValue());
            }
            if (a.binaryValue() != null) {
                attribute.put("binaryValue", a.binaryValue());
            }
            attribute.put("stringListValues", List.of());
            attribute.put("binaryListValues", List.of());
            attribute.put("dataType", a.dataType());
            attributes.put(name, attribute);
        });
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("messageId", message.messageId());
        record.put("receiptHandle", message.receiptHandle());
        record.put("body", message.body());
        record.put("attributes", message.attributes());
        record.put("messageAttributes", attributes);
        if (message.md5OfMessageAttributes() != null) {
            record.put("md5OfMessageAttributes", message.md5OfMessageAttributes());
        }
        record.put("md5OfBody", message.md5OfBody());
        record.put("eventSource", "aws:sqs");
        record.put("eventSourceARN", queueArn);
        record.put("awsRegion", queueArn.split(":")[3]);
        return record;
    }
}
