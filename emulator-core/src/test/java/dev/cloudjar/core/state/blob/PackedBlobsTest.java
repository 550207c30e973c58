package dev.cloudjar.core.state.blob;

import dev.cloudjar.core.state.journal.JournalStateStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The packs behind small blobs: space comes back, and what a crash leaves is never read. */
class PackedBlobsTest {
    private static final long PACK_BYTES = 1000;

    @TempDir
    Path dataDir;
    private JournalStateStore state;
    private PackedBlobs packs;

    private PackedBlobs open() throws IOException {
        state = JournalStateStore.open(dataDir.resolve("state"));
        packs = new PackedBlobs(dataDir.resolve("packs"), state, true, PACK_BYTES);
        return packs;
    }

    @AfterEach
    void close() {
        packs.close();
        state.close();
    }

    @Test
    void aPackMostlyDeletedIsCompactedAndItsLiveBlobsStillRead() throws IOException {
        open();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            ids.add(append(i, 300));
        }
        assertEquals(4, packFiles().size(), "three blobs of 300 bytes fill a pack of 1000");

        for (int i = 0; i < 9; i++) {
            if (i % 3 != 0) {
                assertTrue(packs.delete(ids.get(i)));
            }
        }

        for (int i = 0; i < 12; i++) {
            assertEquals(i < 9 && i % 3 != 0, !packs.exists(ids.get(i)), "blob " + i);
            if (packs.exists(ids.get(i))) {
                assertArrayEquals(content(i, 300), read(ids.get(i)));
            }
        }
        assertTrue(packBytes() <= 7 * 300 + 2 * PACK_BYTES, "the compacted packs are gone: " + packFiles());
    }

    @Test
    void aPackWithNothingLiveIsDeleted() throws IOException {
        open();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ids.add(append(i, 300));
        }
        Path first = packFiles().get(0);

        ids.subList(0, 3).forEach(packs::delete);

        assertFalse(Files.exists(first));
    }

    @Test
    void blobsOutliveAReopenAndBytesNoIndexNamesAreIgnored() throws IOException {
        open();
        String kept = append(1, 300);
        Path pack = packFiles().get(0);
        packs.close();
        state.close();
        // What a writer killed between its append and its index entry leaves behind.
        try (FileChannel channel = FileChannel.open(pack, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            channel.write(ByteBuffer.wrap(new byte[500]));
        }

        open();

        assertArrayEquals(content(1, 300), read(kept));
        String next = append(2, 300);
        assertArrayEquals(content(2, 300), read(next));
        assertEquals(1, packFiles().size(), "the pack the crash left mostly dead was compacted at open");
        assertFalse(Files.exists(pack));
    }

    @Test
    void clearDeletesEveryPack() throws IOException {
        open();
        String id = append(1, 300);
        append(2, 900);

        packs.clear();

        assertFalse(packs.exists(id));
        assertEquals(List.of(), packFiles());
        assertArrayEquals(content(3, 10), read(append(3, 10)));
    }

    @Test
    void readsStayRightWhileOtherBlobsAreDeletedAndPacksCompacted() throws Exception {
        open();
        Map<String, byte[]> live = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                runs.add(pool.submit(() -> {
                    List<String> mine = new ArrayList<>();
                    for (int i = 0; i < 500; i++) {
                        int seed = ThreadLocalRandom.current().nextInt();
                        String id = append(seed, 100 + Math.floorMod(seed, 200));
                        live.put(id, content(seed, 100 + Math.floorMod(seed, 200)));
                        mine.add(id);
                        if (mine.size() > 5) {
                            String gone = mine.remove(ThreadLocalRandom.current().nextInt(mine.size()));
                            live.remove(gone);
                            assertTrue(packs.delete(gone));
                        }
                        for (String other : List.copyOf(mine)) {
                            assertArrayEquals(live.get(other), read(other));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> run : runs) {
                run.get();
            }
        } finally {
            pool.shutdownNow();
        }
        for (Map.Entry<String, byte[]> e : live.entrySet()) {
            assertArrayEquals(e.getValue(), read(e.getKey()));
        }
        assertTrue(packBytes() < 4 * (live.size() * 300L + PACK_BYTES), "deleted space comes back: " + packBytes());
    }

    private String append(int seed, int length) throws IOException {
        String id = UUID.randomUUID().toString().replace("-", "");
        packs.append(id, content(seed, length), length);
        return id;
    }

    private byte[] read(String id) throws IOException {
        long size = packs.size(id).orElseThrow();
        try (InputStream in = packs.open(id, 0, size).orElseThrow()) {
            return in.readAllBytes();
        }
    }

    private static byte[] content(int seed, int length) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private List<Path> packFiles() throws IOException {
        try (Stream<Path> files = Files.list(dataDir.resolve("packs"))) {
            return files.sorted().toList();
        }
    }

    private long packBytes() throws IOException {
        long total = 0;
        for (Path file : packFiles()) {
            total += Files.size(file);
        }
        return total;
    }
}
