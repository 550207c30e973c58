package dev.cloudjar.core.state;

import dev.cloudjar.core.spi.storage.BlobStore;
import dev.cloudjar.core.spi.storage.Keyspace;
import dev.cloudjar.core.spi.storage.WriteBatch;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Random;

/**
 * The other process of {@link StorageTest}: it opens storage on a data dir and either writes
 * until it is killed ({@code write DIR}), printing a line after each write that returned, or holds
 * the directory until its standard input closes ({@code hold DIR}). {@code write-compacting DIR}
 * writes the same way while the state journal is compacted every few hundred bytes.
 */
public final class StorageChild {
    static final String ITEMS = "test/items";
    static final String INDEX = "test/index";
    static final int BLOB_BYTES = 100_000;

    private StorageChild() {
    }

    /** Journal bytes after which {@code write-compacting} compacts: every dozen writes or so. */
    static final long COMPACT_AFTER_BYTES = 512;

    public static void main(String[] args) throws IOException {
        Path dataDir = Path.of(args[1]);
        Storage storage = args[0].equals("write-compacting")
                ? Storage.durable(dataDir.toAbsolutePath(), COMPACT_AFTER_BYTES)
                : Storage.open(dataDir);
        if (args[0].equals("hold")) {
            System.out.println("LOCKED");
            System.out.flush();
            System.in.transferTo(OutputStream.nullOutputStream());
            storage.close();
        } else {
            writeUntilKilled(storage);
        }
    }

    private static void writeUntilKilled(Storage storage) throws IOException {
        try (BlobStore.BlobWriter committed = storage.blobs().create()) {
            committed.output().write(blobContent());
            acknowledge("BLOB " + committed.commit());
        }
        BlobStore.BlobWriter partial = storage.blobs().create();
        partial.output().write(blobContent());
        partial.output().flush();
        acknowledge("PARTIAL");
        Keyspace items = storage.state().keyspace(ITEMS);
        for (int i = 0; ; i++) {
            if (i % 2 == 0) {
                items.put(key(i), value(i));
            } else {
                storage.state().apply(new WriteBatch().put(ITEMS, key(i), value(i)).put(INDEX, value(i), key(i)));
            }
            acknowledge("ACK " + i);
        }
    }

    private static void acknowledge(String line) {
        System.out.println(line);
        System.out.flush();
    }

    static byte[] blobContent() {
        byte[] bytes = new byte[BLOB_BYTES];
        new Random(42).nextBytes(bytes);
        return bytes;
    }

    static byte[] key(int i) {
        return ("item-" + i).getBytes(StandardCharsets.UTF_8);
    }

    static byte[] value(int i) {
        return ("value-" + i).getBytes(StandardCharsets.UTF_8);
    }
}
