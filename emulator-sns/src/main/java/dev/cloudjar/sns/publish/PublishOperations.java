package dev.cloudjar.sns.publish;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cloudjar.core.error.AwsException;
import dev.cloudjar.core.spi.Arn;
import dev.cloudjar.core.spi.Input;
import dev.cloudjar.core.spi.Output;
import dev.cloudjar.core.spi.RecordJson;
import dev.cloudjar.core.spi.RequestContext;
import dev.cloudjar.core.spi.StripedLocks;
import dev.cloudjar.sns.SnsErrors;
import dev.cloudjar.sns.store.DeduplicationRecord;
import dev.cloudjar.sns.store.SnsStore;
import dev.cloudjar.sns.store.TopicArns;
import dev.cloudjar.sns.store.TopicRecord;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/** Publish and PublishBatch: each message validated as SNS does, then fanned out to the topic's subscriptions. */
public final class PublishOperations {
    /** 256 KiB for the message and its attributes together, as SNS counts them. */
    static final long MAX_MESSAGE_BYTES = 262_144;
    private static final int MAX_BATCH = 10;
    private static final Pattern BATCH_ID = Pattern.compile("[A-Za-z0-9_-]{1,80}");
    private static final Pattern E164 = Pattern.compile("\\+?[0-9]{1,15}");
    /** How long a FIFO topic remembers a deduplication id. */
    public static final Duration DEDUPLICATION_INTERVAL = Duration.ofMinutes(5);

    private final SnsStore store;
    private final Fanout fanout;
    private final Outbox outbox;
    private final Clock clock;

    public PublishOperations(SnsStore store, Fanout fanout, Outbox outbox, Clock clock) {
        this.store = store;
        this.fanout = fanout;
        this.outbox = outbox;
        this.clock = clock;
    }

    public Output publish(RequestContext context, Input input) {
        String topicArn = input.string("TopicArn");
        String targetArn = input.string("TargetArn");
        String phone = input.string("PhoneNumber");
        int targets = (topicArn != null ? 1 : 0) + (targetArn != null ? 1 : 0) + (phone != null ? 1 : 0);
        if (targets == 0) {
            throw SnsErrors.invalidParameter("TopicArn or TargetArn", "no value for required parameter");
        }
        if (targets > 1) {
            throw SnsErrors.invalidParameter("TopicArn or TargetArn or PhoneNumber",
                    "Exactly one of TopicArn, TargetArn or PhoneNumber must be specified");
        }
        if (phone != null) {
            // Cloudjar sends no SMS: the text message is recorded (GET /_cloudjar/sns/sent).
            if (!E164.matcher(phone).matches()) {
                throw SnsErrors.invalidParameter("PhoneNumber", "input incorrectly formatted");
            }
            Validated valid = validate(Entry.of(input), false, true);
            String messageId = UUID.randomUUID().toString();
            outbox.sms(context.scope(), phone, messageId, valid.perProtocol() == null ? input.string("Message")
                    : valid.perProtocol().path(valid.perProtocol().has("sms") ? "sms" : "default").asText());
            return Output.of("MessageId", messageId);
        }
        Arn arn = TopicArns.topic(context, topicArn != null ? topicArn : targetArn, topicArn != null ? "TopicArn" : "TargetArn");
        TopicRecord topic = store.topic(arn.scope(), arn.resource()).orElseThrow(SnsErrors::topicNotFound);
        Validated valid = validate(Entry.of(input), topic.fifo(), isContentBased(topic));
        PublishedMessage message = accept(topic, valid);
        return Output.of("MessageId", message.messageId()).put("SequenceNumber", message.sequenceNumber());
    }

    /**
     * Checks the whole request (entry count, ids, total size) before any entry is published; an
     * entry that fails its own validation is answered in Failed, and the others are published.
     */
    @SuppressWarnings("unchecked")
    public Output publishBatch(RequestContext context, Input input) {
        Arn arn = TopicArns.topic(context, input.string("TopicArn"), "TopicArn");
        List<Object> entries = input.list("PublishBatchRequestEntries");
        if (entries.isEmpty()) {
            throw SnsErrors.emptyBatch();
        }
        if (entries.size() > MAX_BATCH) {
            throw SnsErrors.tooManyEntries(entries.size());
        }
        Set<String> ids = new HashSet<>();
        long total = 0;
        List<Entry> read = new ArrayList<>();
        for (Object o : entries) {
            Entry entry = Entry.of(new Input((Map<String, Object>) o));
            if (!BATCH_ID.matcher(entry.id()).matches()) {
                throw SnsErrors.invalidBatchEntryId();
            }
            if (!ids.add(entry.id())) {
                throw SnsErrors.idsNotDistinct();
            }
            total += MessageAttribute.utf8(entry.message());
            read.add(entry);
        }
        if (total > MAX_MESSAGE_BYTES) {
            throw SnsErrors.batchRequestTooLong();
        }
        TopicRecord topic = store.topic(arn.scope(), arn.resource()).orElseThrow(SnsErrors::topicNotFound);
        List<Validated> valid = new ArrayList<>();
        List<Map<String, Object>> failed = new ArrayList<>();
        for (Entry entry : read) {
            try {
                valid.add(validate(entry, topic.fifo(), isContentBased(topic)));
            } catch (AwsException e) {
                Map<String, Object> failure = new LinkedHashMap<>();
                failure.put("Id", entry.id());
                failure.put("Code", e.code());
                failure.put("Message", e.getMessage());
                failure.put("SenderFault", true);
                failed.add(failure);
            }
        }
        List<Map<String, Object>> successful = new ArrayList<>();
        for (Validated v : valid) {
            PublishedMessage message = accept(topic, v);
            Map<String, Object> success = new LinkedHashMap<>();
            success.put("Id", v.entry().id());
            success.put("MessageId", message.messageId());
            success.put("SequenceNumber", message.sequenceNumber());
            successful.add(success);
        }
        return Output.of("Successful", successful).put("Failed", failed);
    }

    /** One message to publish, from Publish's input or one PublishBatch entry. */
    record Entry(String id, String message, String subject, String structure, Map<String, Object> attributes,
                 String groupId, String deduplicationId) {
        static Entry of(Input input) {
            return new Entry(input.string("Id"), input.string("Message"), input.string("Subject"),
                    input.string("MessageStructure"), input.map("MessageAttributes"), input.string("MessageGroupId"),
                    input.string("MessageDeduplicationId"));
        }
    }

    private record Validated(Entry entry, JsonNode perProtocol, Map<String, MessageAttribute> attributes,
                             String deduplicationId) {
    }

    private static boolean isContentBased(TopicRecord topic) {
        return "true".equals(topic.attributes().get("ContentBasedDeduplication"));
    }

    private static Validated validate(Entry entry, boolean fifo, boolean contentBased) {
        String message = entry.message();
        if (message == null || message.isEmpty()) {
            throw SnsErrors.invalidParameter("Empty message");
        }
        Map<String, MessageAttribute> attributes = MessageAttribute.read(entry.attributes());
        if (MessageAttribute.utf8(message) + MessageAttribute.size(attributes) > MAX_MESSAGE_BYTES) {
            throw SnsErrors.invalidParameter("Message too long");
        }
        String subject = entry.subject();
        if (subject != null && (subject.isEmpty() || subject.length() > 100 || !subject.matches("[\\x20-\\x7E]+"))) {
            throw SnsErrors.invalidParameter("Subject");
        }
        JsonNode perProtocol = null;
        if (entry.structure() != null) {
            if (!entry.structure().equals("json")) {
                throw SnsErrors.invalidParameter("MessageStructure");
            }
            perProtocol = structure(message);
        }
        String deduplicationId = entry.deduplicationId();
        if (fifo) {
            if (entry.groupId() == null) {
                throw SnsErrors.invalidParameter("The MessageGroupId parameter is required for FIFO topics");
            }
            if (deduplicationId == null && !contentBased) {
                throw SnsErrors.invalidParameter("The topic should either have ContentBasedDeduplication enabled or"
                        + " MessageDeduplicationId provided explicitly");
            }
            if (deduplicationId == null) {
                deduplicationId = sha256(message);
            }
        } else if (deduplicationId != null) {
            throw SnsErrors.invalidParameter("MessageDeduplicationId",
                    "The request includes MessageDeduplicationId parameter that is not valid for this topic type");
        }
        return new Validated(entry, perProtocol, attributes, deduplicationId);
    }

    /** MessageStructure=json: a JSON object of strings per protocol, with a "default" one. */
    private static JsonNode structure(String message) {
        JsonNode node;
        try {
            node = RecordJson.tree(message);
        } catch (IOException e) {
            throw SnsErrors.invalidParameter("Message Structure - JSON message body failed to parse");
        }
        if (node == null || !node.isObject()) {
            throw SnsErrors.invalidParameter("Message Structure - JSON message body failed to parse");
        }
        if (!node.path("default").isTextual()) {
            throw SnsErrors.invalidParameter("Message Structure - No default entry in JSON message body");
        }
        return node;
    }

    /**
     * Numbers the message on a FIFO topic (under the topic's lock), then fans it out. A FIFO topic
     * accepts a message whose deduplication id it saw in the last five minutes without delivering
     * it again, and answers the first message's ids; with FifoThroughputScope MessageGroup the id
     * is remembered per message group.
     */
    private PublishedMessage accept(TopicRecord topic, Validated v) {
        Entry e = v.entry();
        String sequence = null;
        String messageId = UUID.randomUUID().toString();
        if (topic.fifo()) {
            try (StripedLocks.Held ignored = store.lock(topic.scope(), topic.name())) {
                TopicRecord current = store.topic(topic.scope(), topic.name()).orElseThrow(SnsErrors::topicNotFound);
                String key = "MessageGroup".equals(current.attributes().get("FifoThroughputScope"))
                        ? e.groupId() + '\0' + v.deduplicationId() : v.deduplicationId();
                long now = clock.millis();
                DeduplicationRecord seen = store.deduplication(topic.scope(), topic.name(), key, now).orElse(null);
                if (seen != null) {
                    return message(topic, v, seen.messageId(), seen.sequenceNumber());
                }
                long next = current.sequence() + 1;
                store.put(topic.scope(), current.withSequence(next));
                // SNS's sequence numbers are 20 digits.
                sequence = "1" + String.format("%019d", next);
                store.remember(topic.scope(), topic.name(), key,
                        new DeduplicationRecord(messageId, sequence, now + DEDUPLICATION_INTERVAL.toMillis()));
            }
        }
        PublishedMessage message = message(topic, v, messageId, sequence);
        fanout.publish(message);
        return message;
    }

    private PublishedMessage message(TopicRecord topic, Validated v, String messageId, String sequence) {
        Entry e = v.entry();
        return new PublishedMessage(messageId, topic, e.message(), v.perProtocol(), e.subject(), v.attributes(),
                e.groupId(), v.deduplicationId(), sequence, clock.instant());
    }

    private static String sha256(String message) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(message.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
