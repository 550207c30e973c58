package dev.cloudjar.sqs.message;

import dev.cloudjar.core.spi.Scope;
import dev.cloudjar.core.state.MemoryStateStore;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MessageQueueTest {
    private static final long VISIBILITY = 30_000;
    private static final long RETENTION = 345_600_000;
    private final MemoryStateStore state = new MemoryStateStore();
    private final Scope scope = new Scope("123456789012", "eu-west-1");

    private MessageQueue queue(String name, boolean fifo) {
        return new MessageQueue(fifo, new MessageJournal(state, scope, name));
    }

    private static Message message(String body, String group, long now) {
        return new Message("id-" + body, body, Map.of(), "sender", now, now, group, group == null ? null : "dedup-" + body);
    }

    private static List<String> bodies(List<Message> messages) {
        return messages.stream().map(Message::body).toList();
    }

    @Test
    void aReceivedMessageIsHiddenForTheVisibilityTimeoutThenComesBack() {
        MessageQueue q = queue("standard", false);
        q.send(message("m", null, 0), 0);

        assertEquals(List.of("m"), bodies(q.receive(10, VISIBILITY, RETENTION, 0, null)));
        assertTrue(q.receive(10, VISIBILITY, RETENTION, VISIBILITY - 1, null).isEmpty());
        assertEquals(2, q.receive(10, VISIBILITY, RETENTION, VISIBILITY, null).get(0).receiveCount());
    }

    @Test
    void aFifoGroupWaitsWhileOneOfItsMessagesIsInFlightButOtherGroupsGoOn() {
        MessageQueue q = queue("q.fifo", true);
        for (String body : List.of("a1", "b1", "a2")) {
            q.send(message(body, body.substring(0, 1), 0), 0);
        }
        Message a1 = q.receive(1, VISIBILITY, RETENTION, 0, null).get(0);

        assertEquals(List.of("b1"), bodies(q.receive(10, VISIBILITY, RETENTION, 1, null)));
        q.delete(a1.receiptHandle());
        assertEquals(List.of("a2"), bodies(q.receive(10, VISIBILITY, RETENTION, 2, null)));
    }

    @Test
    void aFifoDuplicateWithinFiveMinutesAnswersWithTheFirstMessageAndIsNotQueued() {
        MessageQueue q = queue("dedup.fifo", true);
        Message first = new Message("first", "x", Map.of(), "s", 0, 0, "g", "same");
        q.send(first, 0);

        assertSame(first, q.send(new Message("second", "x", Map.of(), "s", 1000, 1000, "g", "same"), 1000));
        Message afterInterval = new Message("third", "x", Map.of(), "s", MessageQueue.DEDUPLICATION_MILLIS,
                MessageQueue.DEDUPLICATION_MILLIS, "g", "same");
        assertSame(afterInterval, q.send(afterInterval, MessageQueue.DEDUPLICATION_MILLIS));
        assertEquals(List.of("first", "third"),
                q.receive(10, VISIBILITY, RETENTION, MessageQueue.DEDUPLICATION_MILLIS, null).stream().map(Message::messageId).toList());
    }

    @Test
    void pastTheMaxReceiveCountAMessageMovesToTheDeadLetterQueue() {
        MessageQueue source = queue("source", false);
        MessageQueue deadLetters = queue("dlq", false);
        MessageQueue.Redrive redrive = new MessageQueue.Redrive(1, deadLetters::add);
        source.send(message("poison", null, 0), 0);

        source.receive(10, 0, RETENTION, 0, redrive);
        assertTrue(source.receive(10, 0, RETENTION, 1, redrive).isEmpty());
        assertEquals(List.of("poison"), bodies(deadLetters.receive(10, VISIBILITY, RETENTION, 2, null)));
    }

    @Test
    void aQueueReopenedOnTheSameStoreHasItsMessagesInOrderWithTheirState() {
        MessageQueue q = queue("durable", false);
        q.send(message("one", null, 0), 0);
        q.send(message("two", null, 0), 0);
        q.send(message("three", null, 0), 0);
        Message received = q.receive(1, VISIBILITY, RETENTION, 0, null).get(0);
        q.delete(q.receive(1, VISIBILITY, RETENTION, 0, null).get(0).receiptHandle());

        MessageQueue reopened = queue("durable", false);
        assertEquals(List.of("three"), bodies(reopened.receive(10, VISIBILITY, RETENTION, 1, null)));
        List<Message> visibleAgain = reopened.receive(10, VISIBILITY, RETENTION, VISIBILITY, null);
        assertEquals(List.of(received.messageId()), visibleAgain.stream().map(Message::messageId).toList());
        assertEquals(2, visibleAgain.get(0).receiveCount());
    }
}
