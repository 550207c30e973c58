package dev.cloudjar.sqs.message;

import dev.cloudjar.core.spi.RecordJson;
import dev.cloudjar.core.spi.Scope;
import dev.cloudjar.core.spi.storage.Entry;
import dev.cloudjar.core.spi.storage.Keyspace;
import dev.cloudjar.core.spi.storage.StateStore;
import dev.cloudjar.core.spi.storage.WriteBatch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A queue's messages in the state store, so that they survive a restart with --data-dir: one
 * record per message, keyed by queue name and sequence number so that a scan returns them in
 * send order. Every change to a message (send, receive, visibility, delete) is written through.
 */
public final class MessageJournal {
    private static final int PAGE = 1000;

    private final StateStore state;
    private final String keyspace;
    // FIFO queues: deduplication id → the message first sent with it, so that the five-minute
    // deduplication interval holds across a restart as it does on SQS.
    private final String deduplicationKeyspace;
    private final String queueName;

    public MessageJournal(StateStore state, Scope scope, String queueName) {
        this.state = state;
        this.keyspace = scope.keyspace("sqs", "messages");
        this.deduplicationKeyspace = scope.keyspace("sqs", "deduplication");
        this.queueName = queueName;
    }

    void saved(Message message) {
        space().put(key(message.sequenceNumber()), RecordJson.write(message.stored()));
    }

    /** Writes a FIFO message and remembers its deduplication id, in one batch. */
    void savedFirst(Message message) {
        byte[] record = RecordJson.write(message.stored());
        WriteBatch batch = new WriteBatch();
        batch.put(keyspace, key(message.sequenceNumber()), record);
        batch.put(deduplicationKeyspace, deduplicationKey(message.messageDeduplicationId()), record);
        state.apply(batch);
    }

    /** Forgets deduplication ids whose interval has passed. */
    void forgetDeduplication(List<Message> expired) {
        WriteBatch batch = new WriteBatch();
        expired.forEach(m -> batch.delete(deduplicationKeyspace, deduplicationKey(m.messageDeduplicationId())));
        if (!batch.isEmpty()) {
            state.apply(batch);
        }
    }

    /** The messages first sent with each remembered deduplication id. */
    List<Message> loadDeduplication() {
        return entries(deduplicationKeyspace).stream().map(e -> Message.restored(read(e.value()))).toList();
    }

    void removed(Message message) {
        space().delete(key(message.sequenceNumber()));
    }

    /**
     * Writes the changes of one receive (or purge) in one batch: with --data-dir each write is
     * made durable, and one batch is one sync rather than one per message.
     */
    void changed(List<Message> saved, List<Message> removed) {
        WriteBatch batch = new WriteBatch();
        saved.forEach(m -> batch.put(keyspace, key(m.sequenceNumber()), RecordJson.write(m.stored())));
        removed.forEach(m -> batch.delete(keyspace, key(m.sequenceNumber())));
        if (!batch.isEmpty()) {
            state.apply(batch);
        }
    }

    /** The queue's stored messages in send order. */
    List<Message> load() {
        return entries(keyspace).stream().map(e -> Message.restored(read(e.value()))).toList();
    }

    /** Adds the deletes of every stored message and deduplication id of the queue to a batch. */
    public void deleteAll(WriteBatch batch) {
        entries(keyspace).forEach(e -> batch.delete(keyspace, e.key()));
        entries(deduplicationKeyspace).forEach(e -> batch.delete(deduplicationKeyspace, e.key()));
    }

    private List<Entry> entries(String name) {
        List<Entry> entries = new ArrayList<>();
        byte[] from = prefix();
        byte[] to = Arrays.copyOf(from, from.length);
        to[to.length - 1]++;
        List<Entry> page;
        do {
            page = state.keyspace(name).scan(from, to, PAGE, false);
            entries.addAll(page);
            if (!page.isEmpty()) {
                byte[] last = page.get(page.size() - 1).key();
                from = Arrays.copyOf(last, last.length + 1);
            }
        } while (page.size() == PAGE);
        return entries;
    }

    private Keyspace space() {
        return state.keyspace(keyspace);
    }

    private byte[] prefix() {
        return (queueName + '\0').getBytes(StandardCharsets.UTF_8);
    }

    private byte[] deduplicationKey(String deduplicationId) {
        return (queueName + '\0' + deduplicationId).getBytes(StandardCharsets.UTF_8);
    }

    private byte[] key(long sequenceNumber) {
        return (queueName + '\0' + String.format("%020d", sequenceNumber)).getBytes(StandardCharsets.UTF_8);
    }

    private static StoredMessage read(byte[] json) {
        try {
            return RecordJson.mapper().readValue(json, StoredMessage.class);
        } catch (IOException e) {
            throw new UncheckedIOException("corrupt SQS message record", e);
        }
    }
}
