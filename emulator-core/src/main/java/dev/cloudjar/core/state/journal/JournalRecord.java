package dev.cloudjar.core.state.journal;

import dev.cloudjar.core.spi.storage.Keyspace;
import dev.cloudjar.core.spi.storage.WriteBatch;
import dev.cloudjar.core.state.MemoryStateStore;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * One change of the state, as the journal and snapshots hold it. On disk a record is framed as
 * {@code [body length][CRC32C of body][body]}, the body a type byte and its fields; strings and
 * byte arrays are length-prefixed, a deleted value has length -1. The checksum tells a record
 * cut short by a {@code kill -9} mid-write from a whole one.
 */
sealed interface JournalRecord {
    int HEADER_BYTES = 8;

    /** Puts and deletes that apply together or not at all. */
    record Writes(WriteBatch batch) implements JournalRecord {
        /** A single write takes the store's shared lock, which does not make readers retry. */
        @Override
        public void applyTo(MemoryStateStore state) {
            if (batch.writes().size() != 1) {
                state.apply(batch);
                return;
            }
            WriteBatch.Write write = batch.writes().get(0);
            Keyspace keyspace = state.keyspace(write.keyspace());
            if (write.value() == null) {
                keyspace.delete(write.key());
            } else {
                keyspace.put(write.key(), write.value());
            }
        }

        @Override
        public ByteBuffer body() {
            return writes(batch);
        }
    }

    record Clear(String keyspace) implements JournalRecord {
        @Override
        public void applyTo(MemoryStateStore state) {
            state.keyspace(keyspace).clear();
        }

        @Override
        public ByteBuffer body() {
            return named(1, keyspace);
        }
    }

    record Drop(String prefix) implements JournalRecord {
        @Override
        public void applyTo(MemoryStateStore state) {
            state.drop(prefix);
        }

        @Override
        public ByteBuffer body() {
            return named(2, prefix);
        }
    }

    void applyTo(MemoryStateStore state);

    /** The type byte and fields, written and ready to read back. */
    ByteBuffer body();

    /** The framed record, ready to append. */
    default ByteBuffer encode() {
        ByteBuffer body = body();
        CRC32C crc = new CRC32C();
        crc.update(body.duplicate());
        ByteBuffer framed = ByteBuffer.allocate(HEADER_BYTES + body.remaining());
        framed.putInt(body.remaining()).putInt((int) crc.getValue()).put(body).flip();
        return framed;
    }

    /** The record of a body whose checksum matched. */
    static JournalRecord decode(ByteBuffer body) {
        byte type = body.get();
        return switch (type) {
            case 0 -> new Writes(readWrites(body));
            case 1 -> new Clear(readString(body));
            case 2 -> new Drop(readString(body));
            default -> throw new IllegalStateException("unknown journal record type " + type);
        };
    }

    static boolean checksumMatches(ByteBuffer body, int expected) {
        CRC32C crc = new CRC32C();
        crc.update(body.duplicate());
        return (int) crc.getValue() == expected;
    }

    private static ByteBuffer writes(WriteBatch batch) {
        int size = 1 + Integer.BYTES;
        for (WriteBatch.Write write : batch.writes()) {
            size += 3 * Integer.BYTES + utf8(write.keyspace()).length + write.key().length
                    + (write.value() == null ? 0 : write.value().length);
        }
        ByteBuffer body = ByteBuffer.allocate(size).put((byte) 0).putInt(batch.writes().size());
        for (WriteBatch.Write write : batch.writes()) {
            putBytes(body, utf8(write.keyspace()));
            putBytes(body, write.key());
            putBytes(body, write.value());
        }
        return body.flip();
    }

    private static ByteBuffer named(int type, String name) {
        byte[] utf8 = utf8(name);
        ByteBuffer body = ByteBuffer.allocate(1 + Integer.BYTES + utf8.length).put((byte) type);
        putBytes(body, utf8);
        return body.flip();
    }

    private static WriteBatch readWrites(ByteBuffer body) {
        WriteBatch batch = new WriteBatch();
        for (int count = body.getInt(); count > 0; count--) {
            String keyspace = readString(body);
            byte[] key = readBytes(body);
            byte[] value = readBytes(body);
            if (value == null) {
                batch.delete(keyspace, key);
            } else {
                batch.put(keyspace, key, value);
            }
        }
        return batch;
    }

    private static void putBytes(ByteBuffer body, byte[] bytes) {
        if (bytes == null) {
            body.putInt(-1);
        } else {
            body.putInt(bytes.length).put(bytes);
        }
    }

    private static byte[] readBytes(ByteBuffer body) {
        int length = body.getInt();
        if (length < 0) {
            return null;
        }
        byte[] bytes = new byte[length];
        body.get(bytes);
        return bytes;
    }

    private static String readString(ByteBuffer body) {
        return new String(readBytes(body), StandardCharsets.UTF_8);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
