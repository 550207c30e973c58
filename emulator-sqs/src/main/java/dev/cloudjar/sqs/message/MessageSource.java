package dev.cloudjar.sqs.message;

import dev.cloudjar.core.spi.QueueSource;
import dev.cloudjar.sqs.queue.Queue;
import dev.cloudjar.sqs.queue.QueueRegistry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The queues as {@link QueueSource} for in-process consumers: the same receive and delete as
 * ReceiveMessage and DeleteMessage, so visibility timeouts, receive counts and redrive apply.
 */
public final class MessageSource implements QueueSource {
    private static final int MAX_BATCH = 10;

    private final QueueRegistry queues;
    private final MessageOperations operations;

    public MessageSource(QueueRegistry queues, MessageOperations operations) {
        this.queues = queues;
        this.operations = operations;
    }

    @Override
    public OptionalInt visibilityTimeout(String queueArn) {
        return queues.findByArn(queueArn).map(q -> OptionalInt.of(q.intAttribute("VisibilityTimeout"))).orElse(OptionalInt.empty());
    }

    @Override
    public List<ReceivedMessage> receive(String queueArn, int max) {
        Queue queue = queues.findByArn(queueArn).orElse(null);
        if (queue == null) {
            return List.of();
        }
        List<ReceivedMessage> received = new ArrayList<>();
        for (Message m : operations.receive(queue, Math.min(max, MAX_BATCH), 1000L * queue.intAttribute("VisibilityTimeout"))) {
            Map<String, Attribute> attributes = new LinkedHashMap<>();
            m.attributes().forEach((name, a) -> attributes.put(name, new Attribute(a.dataType(), a.stringValue(), a.binaryValue())));
            received.add(new ReceivedMessage(m.messageId(), m.receiptHandle(), m.body(), Md5s.ofBody(m.body()),
                    MessageOperations.allSystemAttributes(m), attributes, Md5s.ofAttributes(m.attributes())));
        }
        return received;
    }

    @Override
    public void delete(String queueArn, String receiptHandle) {
        queues.findByArn(queueArn).ifPresent(queue -> queue.messages().delete(receiptHandle));
    }
}
