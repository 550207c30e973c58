package dev.cloudjar.core.state;

import dev.cloudjar.core.spi.storage.BlobStore;
import dev.cloudjar.core.spi.storage.Keyspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StorageTest {
    @TempDir
    Path dataDir;

    @Test
    void withoutADataDirStateIsInMemoryAndBlobsAreDeletedOnClose() throws IOException {
        Path blobFile;
        try (Storage storage = Storage.open(null)) {
            assertFalse(storage.durable());
            blobFile = storage.blobs().file(writeBlob(storage.blobs(), new byte[100_000])).orElseThrow();
            writeBlob(storage.blobs(), new byte[] {1});
            assertTrue(Files.exists(blobFile));
        }

        assertFalse(Files.exists(blobFile.getParent().getParent()));
    }

    @Test
    void restartAfterACleanCloseKeepsStateAndBlobs() throws IOException {
        String blob;
        try (Storage storage = Storage.open(dataDir)) {
            assertTrue(storage.durable());
            storage.state().keyspace("test/items").put(bytes("k"), bytes("v"));
            blob = writeBlob(storage.blobs(), new byte[] {1, 2, 3});
        }

        try (Storage storage = Storage.open(dataDir)) {
            assertArrayEquals(bytes("v"), storage.state().keyspace("test/items").get(bytes("k")).orElseThrow());
            assertArrayEquals(new byte[] {1, 2, 3}, storage.blobs().open(blob, 0, 3).readAllBytes());
        }
    }

    @Test
    void aSecondOpenOfTheSameDataDirFailsWithAClearMessage() {
        try (Storage first = Storage.open(dataDir)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> Storage.open(dataDir));

            assertEquals(inUseMessage(), e.getMessage());
        }
    }

    /** Refusing the second open once released the first one's lock, and another process could take the dir. */
    @Test
    @Timeout(120)
    void aSecondOpenRefusedInThisProcessLeavesTheDataDirLockedAgainstOthers() throws Exception {
        try (Storage first = Storage.open(dataDir)) {
            assertThrows(IllegalStateException.class, () -> Storage.open(dataDir));

            Process other = startChild("hold");
            try {
                assertNull(firstLine(other), "the other process must not lock the data dir");
                assertTrue(other.waitFor(60, java.util.concurrent.TimeUnit.SECONDS));
            } finally {
                other.destroyForcibly().waitFor();
            }
        }
    }

    @Test
    @Timeout(120)
    void aDataDirLockedByAnotherProcessIsRefusedUntilThatProcessEnds() throws Exception {
        Process holder = startChild("hold");
        try {
            assertEquals("LOCKED", firstLine(holder));

            IllegalStateException e = assertThrows(IllegalStateException.class, () -> Storage.open(dataDir));
            assertEquals(inUseMessage(), e.getMessage());
        } finally {
            holder.destroyForcibly().waitFor();
        }

        try (Storage storage = Storage.open(dataDir)) {
            assertTrue(storage.durable());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"write", "write-compacting"})
    @Timeout(120)
    void killMinus9KeepsEveryAcknowledgedWriteAndNoPartialBlob(String mode) throws Exception {
        Process writer = startChild(mode);
        String blob;
        int lastAck = -1;
        try (BufferedReader out = reader(writer)) {
            blob = expectPrefix(writer, out.readLine(), "BLOB ");
            assertEquals("PARTIAL", out.readLine());
            while (lastAck < 3000) {
                lastAck = Integer.parseInt(expectPrefix(writer, out.readLine(), "ACK "));
            }
            // SIGKILL through the handle: Process.destroyForcibly would also close our end of the
            // pipe, losing acknowledgements the child printed just before it died.
            writer.toHandle().destroyForcibly();
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                lastAck = Integer.parseInt(expectPrefix(writer, line, "ACK "));
            }
        }
        assertNotEquals(0, writer.waitFor(), "the writer was killed, not finished");
        assertEquals(mode.equals("write-compacting"), hasSnapshot(),
                "recovery reads a journal alone, or a snapshot and the journal after it when compacting");

        try (Storage storage = Storage.open(dataDir)) {
            Keyspace items = storage.state().keyspace(StorageChild.ITEMS);
            Keyspace index = storage.state().keyspace(StorageChild.INDEX);
            for (int i = 0; i <= lastAck; i++) {
                assertArrayEquals(StorageChild.value(i), items.get(StorageChild.key(i)).orElse(null), "item " + i);
                if (i % 2 == 1) {
                    assertArrayEquals(StorageChild.key(i), index.get(StorageChild.value(i)).orElse(null), "index " + i);
                }
            }
            assertEquals(items.size(), index.size() * 2 + (items.size() % 2), "batches were applied whole");
            assertArrayEquals(StorageChild.blobContent(),
                    storage.blobs().open(blob, 0, StorageChild.BLOB_BYTES).readAllBytes());
            assertEquals(List.of(storage.blobs().file(blob).orElseThrow()), blobFiles());
        }
    }

    private String inUseMessage() {
        return "data directory " + dataDir.toAbsolutePath() + " is in use by another Cloudjar process (lock file "
                + dataDir.toAbsolutePath().resolve("cloudjar.lock") + ")";
    }

    private boolean hasSnapshot() throws IOException {
        try (Stream<Path> files = Files.list(dataDir.resolve("state"))) {
            return files.anyMatch(f -> f.getFileName().toString().matches("snapshot-\\d+"));
        }
    }

    private List<Path> blobFiles() throws IOException {
        try (Stream<Path> files = Files.walk(dataDir.resolve("blobs"))) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    private Process startChild(String mode) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                StorageChild.class.getName(), mode, dataDir.toString())
                .redirectError(dataDir.resolveSibling(dataDir.getFileName() + "-child.err").toFile())
                .start();
    }

    private String firstLine(Process child) throws IOException {
        return reader(child).readLine();
    }

    private static BufferedReader reader(Process child) {
        return new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
    }

    /** The rest of the line after the prefix; a missing line fails with what the child printed on stderr. */
    private String expectPrefix(Process child, String line, String prefix) throws IOException {
        assertNotNull(line, () -> "the child ended early: " + childErrors());
        assertTrue(line.startsWith(prefix), () -> "unexpected line from the child: " + line);
        return line.substring(prefix.length());
    }

    private String childErrors() {
        try {
            return Files.readString(dataDir.resolveSibling(dataDir.getFileName() + "-child.err"));
        } catch (IOException e) {
            return "(no stderr: " + e.getMessage() + ")";
        }
    }

    private static String writeBlob(BlobStore blobs, byte[] content) throws IOException {
        try (BlobStore.BlobWriter writer = blobs.create()) {
            writer.output().write(content);
            return writer.commit();
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
