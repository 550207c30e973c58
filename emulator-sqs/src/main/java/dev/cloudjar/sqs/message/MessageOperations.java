package dev.cloudjar.sqs.message;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cloudjar.core.error.AwsException;
import dev.cloudjar.core.spi.Input;
import dev.cloudjar.core.spi.Output;
import dev.cloudjar.core.spi.RequestContext;
import dev.cloudjar.sqs.SqsErrors;
import dev.cloudjar.sqs.queue.Queue;
import dev.cloudjar.sqs.queue.QueueOperations;
import dev.cloudjar.sqs.queue.QueueRegistry;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * SendMessage(Batch), ReceiveMessage (with long polling that holds no worker: the receive is
 * retried on the scheduler until a message arrives or the wait ends), DeleteMessage(Batch) and
 * ChangeMessageVisibility(Batch); FIFO queues' group and deduplication ids.
 */
public final class MessageOperations {
    /**
     * How often a waiting long poll looks again without being woken: for messages that become
     * visible with time (a visibility timeout or a delay running out).
     */
    private static final long RECHECK_MILLIS = 100;
    private static final int MAX_BATCH = 10;
    private static final long MAX_BATCH_BYTES = 1_048_576;
    private static final int MAX_DELAY_SECONDS = 900;
    private static final int MAX_VISIBILITY_TIMEOUT = 43_200;
    private static final Pattern ALLOWED_CHARACTERS =
            Pattern.compile("[\\x09\\x0A\\x0D\\x20-\\x{D7FF}\\x{E000}-\\x{FFFD}\\x{10000}-\\x{10FFFF}]*");
    private static final Pattern BATCH_ENTRY_ID = Pattern.compile("[A-Za-z0-9_-]{1,80}");
    private static final Pattern TOKEN = Pattern.compile("[!-~]{1,128}");
    private static final String NO_DEDUPLICATION_ID = "The queue should either have ContentBasedDeduplication enabled"
            + " or MessageDeduplicationId provided explicitly";

    private final QueueRegistry queues;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final Executor workers;
    /** The long polls waiting on each queue (by ARN): a send or a visibility change wakes them. */
    private final Map<String, Set<Waiter>> waiting = new ConcurrentHashMap<>();

    public MessageOperations(QueueRegistry queues, Clock clock, ScheduledExecutorService scheduler, Executor workers) {
        this.queues = queues;
        this.clock = clock;
        this.scheduler = scheduler;
        this.workers = workers;
    }

    public Output sendMessage(RequestContext context, Input input) {
        Queue queue = QueueOperations.resolve(queues, context, input.string("QueueUrl"));
        return send(queue, input, context.principal().accessKeyId());
    }

    /** Sends a message to a queue, answering SendMessage's result; also how Lambda's dead-letter queues and destinations deliver. */
    public Output send(Queue queue, Input entry, String senderId) {
        return send(queue, entry, senderId, "are invalid");
    }

    /**
     * @param sizeWording how SQS words an oversized message: SendMessage's parameters "are invalid",
     *                    a batch entry's "cannot be validated"
     */
    private Output send(Queue queue, Input entry, String senderId, String sizeWording) {
        String body = entry.string("MessageBody");
        if (body == null || body.isEmpty()) {
            throw SqsErrors.missingParameter("MessageBody");
        }
        if (!hasAllowedCharacters(body)) {
            throw SqsErrors.invalidMessageContents();
        }
        Map<String, MessageAttribute> attributes = new LinkedHashMap<>();
        Map<String, Object> raw = entry.map("MessageAttributes");
        if (raw != null) {
            raw.forEach((name, value) -> attributes.put(name, MessageAttribute.from(name, asMap(value))));
        }
        int max = queue.intAttribute("MaximumMessageSize");
        if (size(body, attributes) > max) {
            throw SqsErrors.invalidParameterValue("One or more parameters " + sizeWording
                    + ". Reason: Message must be shorter than " + max + " bytes.");
        }
        int delay = delaySeconds(queue, entry);
        checkToken(entry, "MessageGroupId");
        checkToken(entry, "MessageDeduplicationId");
        long now = clock.millis();
        String groupId = queue.isFifo() ? fifoGroupId(entry) : null;
        String deduplicationId = queue.isFifo() ? fifoDeduplicationId(queue, entry, body) : null;
        Message message = new Message(UUID.randomUUID().toString(), body, attributes,
                senderId == null ? "AIDAANONYMOUS" : senderId, now, now + delay * 1000L, groupId, deduplicationId);
        Output result = sendResult(message, queue.messages().send(message, now));
        wake(queue);
        return result;
    }

    /** Whether a text is made of the characters SQS accepts in messages: XML's Char production. */
    static boolean hasAllowedCharacters(String text) {
        return ALLOWED_CHARACTERS.matcher(text).matches();
    }

    /** SQS counts a message's size as its body plus each attribute's name, data type and value, in bytes. */
    private static long size(String body, Map<String, MessageAttribute> attributes) {
        long size = utf8Length(body);
        for (Map.Entry<String, MessageAttribute> a : attributes.entrySet()) {
            MessageAttribute value = a.getValue();
            size += utf8Length(a.getKey()) + utf8Length(value.dataType())
                    + (value.binaryValue() != null ? value.binaryValue().length : utf8Length(value.stringValue()));
        }
        return size;
    }

    private static long utf8Length(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    /** A per-message delay (0 to 900 seconds), which FIFO queues refuse; else the queue's. */
    private static int delaySeconds(Queue queue, Input entry) {
        if (!entry.has("DelaySeconds")) {
            return queue.intAttribute("DelaySeconds");
        }
        int delay = entry.integer("DelaySeconds");
        if (queue.isFifo()) {
            throw SqsErrors.invalidParameterValue("Value " + delay + " for parameter DelaySeconds "
                    + "is invalid. Reason: The request include parameter that is not valid for this queue type.");
        }
        if (delay < 0 || delay > MAX_DELAY_SECONDS) {
            throw SqsErrors.invalidParameterValue("Value " + delay + " for parameter DelaySeconds is invalid. "
                    + "Reason: DelaySeconds must be >= 0 and <= 900.");
        }
        return delay;
    }

    /** MessageGroupId and MessageDeduplicationId: 1 to 128 alphanumeric or punctuation characters. */
    private static void checkToken(Input entry, String parameter) {
        if (entry.has(parameter) && !TOKEN.matcher(entry.string(parameter)).matches()) {
            throw SqsErrors.invalidParameterValue("Value " + entry.string(parameter) + " for parameter " + parameter
                    + " is invalid. Reason: " + parameter + " can only include alphanumeric and punctuation characters."
                    + " 1 to 128 in length.");
        }
    }

    /** A FIFO message's group: required. */
    private static String fifoGroupId(Input entry) {
        if (!entry.has("MessageGroupId")) {
            throw SqsErrors.missingParameter("MessageGroupId");
        }
        return entry.string("MessageGroupId");
    }

    /** The explicit deduplication id, or with ContentBasedDeduplication the SHA-256 of the body. */
    private static String fifoDeduplicationId(Queue queue, Input entry, String body) {
        if (entry.has("MessageDeduplicationId")) {
            return entry.string("MessageDeduplicationId");
        }
        if (!contentBasedDeduplication(queue)) {
            throw SqsErrors.invalidParameterValue(NO_DEDUPLICATION_ID);
        }
        return Md5s.sha256(body);
    }

    private static boolean contentBasedDeduplication(Queue queue) {
        return "true".equalsIgnoreCase(queue.attribute("ContentBasedDeduplication"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value) {
        return (Map<String, Object>) value;
    }

    /**
     * The MD5s of what was sent (the SDKs check them against their request) with the id of the
     * message the queue kept: for a FIFO duplicate, the first one's.
     */
    private static Output sendResult(Message sent, Message kept) {
        Output output = Output.of("MD5OfMessageBody", Md5s.ofBody(sent.body()))
                .put("MD5OfMessageAttributes", Md5s.ofAttributes(sent.attributes()))
                .put("MessageId", kept.messageId());
        return kept.messageGroupId() == null ? output : output.put("SequenceNumber", sequenceNumber(kept));
    }

    /** SQS's FIFO sequence numbers are 20-digit decimal strings that grow within a queue. */
    private static String sequenceNumber(Message message) {
        return String.format("%020d", message.sequenceNumber());
    }

    public Output sendMessageBatch(RequestContext context, Input input) {
        Queue queue = QueueOperations.resolve(queues, context, input.string("QueueUrl"));
        List<Object> entries = checkedBatch(input.list("Entries"), "SendMessageBatchRequestEntry");
        long total = 0;
        for (Object raw : entries) {
            Input entry = new Input(asMap(raw));
            // FIFO's required ids fail the whole batch, unlike the per-entry failures below.
            if (queue.isFifo() && !entry.has("MessageDeduplicationId") && !contentBasedDeduplication(queue)) {
                throw SqsErrors.invalidParameterValue(NO_DEDUPLICATION_ID);
            }
            if (queue.isFifo() && !entry.has("MessageGroupId")) {
                throw SqsErrors.invalidParameterValue("The request must contain the parameter MessageGroupId.");
            }
            total += batchEntrySize(entry);
        }
        if (total > MAX_BATCH_BYTES) {
            throw SqsErrors.batchRequestTooLong(MAX_BATCH_BYTES, total);
        }
        List<Object> successful = new ArrayList<>();
        List<Object> failed = new ArrayList<>();
        for (Object raw : entries) {
            Input entry = new Input(asMap(raw));
            try {
                Map<String, Object> result = new LinkedHashMap<>(send(queue, entry, context.principal().accessKeyId(),
                        "cannot be validated").members());
                result.put("Id", entry.string("Id"));
                successful.add(result);
            } catch (AwsException e) {
                failed.add(Map.of("Id", entry.string("Id"), "SenderFault", true, "Code", e.code(), "Message", e.getMessage()));
            }
        }
        return Output.of("Successful", successful).put("Failed", failed);
    }

    /** A batch entry's body and attributes in bytes, before any of it is validated. */
    private static long batchEntrySize(Input entry) {
        long size = entry.string("MessageBody") == null ? 0 : utf8Length(entry.string("MessageBody"));
        Map<String, Object> attributes = entry.map("MessageAttributes");
        if (attributes != null) {
            for (Map.Entry<String, Object> a : attributes.entrySet()) {
                size += utf8Length(a.getKey());
                for (Object v : asMap(a.getValue()).values()) {
                    size += v instanceof byte[] bytes ? bytes.length : utf8Length(String.valueOf(v));
                }
            }
        }
        return size;
    }

    /** The checks every batch operation makes before it looks at an entry's content. */
    private static List<Object> checkedBatch(List<Object> entries, String entryShape) {
        if (entries == null || entries.isEmpty()) {
            throw SqsErrors.emptyBatch(entryShape);
        }
        if (entries.size() > MAX_BATCH) {
            throw SqsErrors.tooManyEntries(entries.size());
        }
        Set<Object> ids = new HashSet<>();
        for (Object entry : entries) {
            Object id = asMap(entry).get("Id");
            if (id == null || !BATCH_ENTRY_ID.matcher(id.toString()).matches()) {
                throw SqsErrors.invalidBatchEntryId();
            }
            if (!ids.add(id)) {
                throw SqsErrors.idsNotDistinct();
            }
        }
        return entries;
    }

    public Output receiveMessage(RequestContext context, Input input) {
        Queue queue = QueueOperations.resolve(queues, context, input.string("QueueUrl"));
        int max = input.has("MaxNumberOfMessages") ? input.integer("MaxNumberOfMessages") : 1;
        if (max < 1 || max > MAX_BATCH) {
            throw SqsErrors.invalidParameterValue("Value " + max + " for parameter MaxNumberOfMessages is invalid. "
                    + "Reason: Must be between 1 and 10, if provided.");
        }
        int wait = input.has("WaitTimeSeconds") ? input.integer("WaitTimeSeconds")
                : queue.intAttribute("ReceiveMessageWaitTimeSeconds");
        if (wait < 0 || wait > 20) {
            throw SqsErrors.invalidParameterValue("Value " + wait + " for parameter WaitTimeSeconds is invalid. "
                    + "Reason: Must be >= 0 and <= 20, if provided.");
        }
        if (input.has("VisibilityTimeout")
                && (input.integer("VisibilityTimeout") < 0 || input.integer("VisibilityTimeout") > MAX_VISIBILITY_TIMEOUT)) {
            throw SqsErrors.invalidParameterValue("Value " + input.integer("VisibilityTimeout") + " for parameter"
                    + " VisibilityTimeout is invalid. Reason: Must be between 0 and 43200, if provided.");
        }
        Receive receive = new Receive(queue, max, input);
        List<Message> now = receive.poll();
        if (!now.isEmpty() || wait == 0) {
            return receive.output(now);
        }
        Waiter waiter = new Waiter(queue.arn(), receive);
        waiting.computeIfAbsent(queue.arn(), k -> ConcurrentHashMap.newKeySet()).add(waiter);
        waiter.timers(scheduler.schedule(() -> run(() -> waiter.attempt(true)), wait, TimeUnit.SECONDS),
                scheduler.scheduleWithFixedDelay(() -> run(() -> waiter.attempt(false)), RECHECK_MILLIS, RECHECK_MILLIS,
                        TimeUnit.MILLISECONDS));
        // A message sent between the first poll and the registration above woke nobody.
        run(() -> waiter.attempt(false));
        return Output.later(waiter.later);
    }

    /** Lets the long polls waiting on the queue look again, each on a worker. */
    private void wake(Queue queue) {
        for (Waiter waiter : waiting.getOrDefault(queue.arn(), Set.of())) {
            run(() -> waiter.attempt(false));
        }
    }

    /** Timers only trigger: the polling itself runs on the worker pool. */
    private void run(Runnable task) {
        try {
            workers.execute(task);
        } catch (RejectedExecutionException stopping) {
            // The server is stopping; its connections go with it.
        }
    }

    /** One ReceiveMessage waiting for messages until its WaitTimeSeconds end. */
    private final class Waiter {
        private final String queueArn;
        private final Receive receive;
        private final CompletableFuture<Output> later = new CompletableFuture<>();
        private final List<ScheduledFuture<?>> timers = new ArrayList<>();

        Waiter(String queueArn, Receive receive) {
            this.queueArn = queueArn;
            this.receive = receive;
        }

        synchronized void timers(ScheduledFuture<?>... scheduled) {
            timers.addAll(List.of(scheduled));
            if (later.isDone()) {
                timers.forEach(t -> t.cancel(false));
            }
        }

        /** Polls once; answers with what it got, or with nothing when {@code last}. One poll at a time. */
        synchronized void attempt(boolean last) {
            if (later.isDone()) {
                return;
            }
            try {
                List<Message> messages = receive.poll();
                if (!messages.isEmpty() || last) {
                    finish(() -> later.complete(receive.output(messages)));
                }
            } catch (RuntimeException e) {
                finish(() -> later.completeExceptionally(e));
            }
        }

        private void finish(Runnable answer) {
            answer.run();
            timers.forEach(t -> t.cancel(false));
            Set<Waiter> others = waiting.get(queueArn);
            if (others != null) {
                others.remove(this);
            }
        }
    }

    /** One ReceiveMessage request's settings, polled until it gets messages or its wait ends. */
    private final class Receive {
        private final Queue queue;
        private final int max;
        private final long visibilityMillis;
        private final List<String> systemAttributes;
        private final List<String> messageAttributes;

        Receive(Queue queue, int max, Input input) {
            this.queue = queue;
            this.max = max;
            this.visibilityMillis = 1000L * (input.has("VisibilityTimeout") ? input.integer("VisibilityTimeout")
                    : queue.intAttribute("VisibilityTimeout"));
            List<String> system = new ArrayList<>(strings(input.list("AttributeNames")));
            system.addAll(strings(input.list("MessageSystemAttributeNames")));
            this.systemAttributes = system;
            this.messageAttributes = strings(input.list("MessageAttributeNames"));
        }

        List<Message> poll() {
            return receive(queue, max, visibilityMillis);
        }

        Output output(List<Message> messages) {
            if (messages.isEmpty()) {
                return Output.empty();
            }
            List<Object> out = new ArrayList<>();
            for (Message m : messages) {
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("MessageId", m.messageId());
                item.put("ReceiptHandle", m.receiptHandle());
                item.put("MD5OfBody", Md5s.ofBody(m.body()));
                item.put("Body", m.body());
                Map<String, String> system = systemAttributes(m);
                if (!system.isEmpty()) {
                    item.put("Attributes", system);
                }
                Map<String, MessageAttribute> chosen = chosenAttributes(m);
                if (!chosen.isEmpty()) {
                    item.put("MD5OfMessageAttributes", Md5s.ofAttributes(chosen));
                    Map<String, Object> described = new LinkedHashMap<>();
                    chosen.forEach((k, v) -> described.put(k, v.describe()));
                    item.put("MessageAttributes", described);
                }
                out.add(item);
            }
            return Output.of("Messages", out);
        }

        private Map<String, String> systemAttributes(Message m) {
            Map<String, String> all = allSystemAttributes(m);
            Map<String, String> chosen = new LinkedHashMap<>();
            for (String name : systemAttributes) {
                if (name.equals("All")) {
                    chosen.putAll(all);
                } else if (all.containsKey(name)) {
                    chosen.put(name, all.get(name));
                }
            }
            return chosen;
        }

        /** Message attributes asked for: All or ".*", exact names, or "prefix.*". */
        private Map<String, MessageAttribute> chosenAttributes(Message m) {
            Map<String, MessageAttribute> chosen = new LinkedHashMap<>();
            m.attributes().forEach((name, value) -> {
                for (String wanted : messageAttributes) {
                    if (wanted.equals("All") || wanted.equals(".*") || wanted.equals(name)
                            || wanted.endsWith(".*") && name.startsWith(wanted.substring(0, wanted.length() - 1))) {
                        chosen.put(name, value);
                    }
                }
            });
            return chosen;
        }
    }

    /**
     * Receives up to {@code max} visible messages, hiding them for {@code visibilityMillis}, with
     * the queue's retention period and redrive policy: for ReceiveMessage and in-process consumers.
     */
    List<Message> receive(Queue queue, int max, long visibilityMillis) {
        return queue.messages().receive(max, visibilityMillis, 1000L * queue.intAttribute("MessageRetentionPeriod"),
                clock.millis(), redrive(queue));
    }

    /** Every system attribute of a received message, in the order SQS lists them. */
    static Map<String, String> allSystemAttributes(Message m) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("SenderId", m.senderId());
        all.put("SentTimestamp", Long.toString(m.sentTimestamp()));
        all.put("ApproximateReceiveCount", Integer.toString(m.receiveCount()));
        all.put("ApproximateFirstReceiveTimestamp", Long.toString(m.firstReceiveTimestamp()));
        if (m.messageGroupId() != null) {
            all.put("MessageGroupId", m.messageGroupId());
            all.put("MessageDeduplicationId", m.messageDeduplicationId());
            all.put("SequenceNumber", sequenceNumber(m));
        }
        return all;
    }

    /** The queue's redrive policy resolved to its dead-letter queue, or null. */
    private MessageQueue.Redrive redrive(Queue queue) {
        String policy = queue.attribute("RedrivePolicy");
        if (policy == null || policy.isEmpty()) {
            return null;
        }
        JsonNode parsed = QueueOperations.redrivePolicy(policy);
        return queues.findByArn(parsed.path("deadLetterTargetArn").asText())
                .map(dlq -> new MessageQueue.Redrive(parsed.path("maxReceiveCount").asInt(), dlq.messages()::add))
                .orElse(null);
    }

    public Output deleteMessage(RequestContext context, Input input) {
        Queue queue = QueueOperations.resolve(queues, context, input.string("QueueUrl"));
        String handle = input.string("ReceiptHandle");
        if (!MessageQueue.isReceiptHandle(handle)) {
            throw SqsErrors.receiptHandleIsInvalid(handle);
        }
        queue.messages().delete(handle);
        return Output.empty();
    }

    public Output deleteMessageBatch(RequestContext context, Input input) {
        Queue queue = QueueOperations.resolve(queues, context, input.string("QueueUrl"));
        List<Object> successful = new ArrayList<>();
        List<Object> failed = new ArrayList<>();
        for (Object raw : checkedBatch(input.list("Entries"), "DeleteMessageBatchRequestEntry")) {
            Map<String, Object> entry = asMap(raw);
            String handle = String.valueOf(entry.get("ReceiptHandle"));
            if (MessageQueue.isReceiptHandle(handle)) {
                queue.messages().delete(handle);
                successful.add(Map.of("Id", entry.get("Id")));
            } else {
                AwsException invalid = SqsErrors.receiptHandleIsInvalid(handle);
                failed.add(Map.of("Id", entry.get("Id"), "SenderFault", true, "Code", invalid.code(),
                        "Message", invalid.getMessage()));
            }
        }
        return Output.of("Successful", successful).put("Failed", failed);
    }

    public Output changeMessageVisibility(RequestContext context, Input input) {
        Queue queue = QueueOperations.resolve(queues, context, input.string("QueueUrl"));
        changeVisibility(queue, input.string("ReceiptHandle"), input.integer("VisibilityTimeout"));
        return Output.empty();
    }

    public Output changeMessageVisibilityBatch(RequestContext context, Input input) {
        Queue queue = QueueOperations.resolve(queues, context, input.string("QueueUrl"));
        List<Object> successful = new ArrayList<>();
        List<Object> failed = new ArrayList<>();
        for (Object raw : checkedBatch(input.list("Entries"), "ChangeMessageVisibilityBatchRequestEntry")) {
            Input entry = new Input(asMap(raw));
            try {
                changeVisibility(queue, entry.string("ReceiptHandle"), entry.integer("VisibilityTimeout"));
                successful.add(Map.of("Id", entry.string("Id")));
            } catch (AwsException e) {
                failed.add(Map.of("Id", entry.string("Id"), "SenderFault", true, "Code", e.code(), "Message", e.getMessage()));
            }
        }
        return Output.of("Successful", successful).put("Failed", failed);
    }

    private void changeVisibility(Queue queue, String handle, Integer timeout) {
        if (!MessageQueue.isReceiptHandle(handle)) {
            throw SqsErrors.receiptHandleIsInvalid(handle);
        }
        if (timeout == null || timeout < 0 || timeout > MAX_VISIBILITY_TIMEOUT) {
            throw SqsErrors.invalidParameterValue("Value " + timeout + " for parameter VisibilityTimeout is invalid. "
                    + "Reason: Must be between 0 and 43200.");
        }
        long now = clock.millis();
        if (!queue.messages().changeVisibility(handle, now + timeout * 1000L, now)) {
            throw SqsErrors.messageNotInflight();
        }
        if (timeout == 0) {
            wake(queue);
        }
    }

    private static List<String> strings(List<Object> values) {
        return values == null ? List.of() : values.stream().map(String::valueOf).toList();
    }
}
