package dev.cloudjar.core.state;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScratchDirectoryTest {

    private static Path scratchWithOwner(Path tmp, String name) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve(name));
        Files.writeString(dir.resolve("left-over"), "bytes of a killed run");
        Files.createFile(dir.resolve(ScratchDirectory.OWNER));
        return dir;
    }

    @Test
    void aScratchDirectoryWhoseOwnerLockIsFreeIsSwept(@TempDir Path tmp) throws Exception {
        Path abandoned = scratchWithOwner(tmp, "cloudjar-lambda-1-123");

        assertEquals(1, ScratchDirectory.sweepAbandoned(tmp));

        assertFalse(Files.exists(abandoned));
    }

    /** The owner is another process, as it is when two servers share java.io.tmpdir. */
    @Test
    void aScratchDirectoryWhoseOwnerProcessHoldsTheLockIsKept(@TempDir Path tmp) throws Exception {
        Path live = scratchWithOwner(tmp, "cloudjar-blobs-1-456");
        Path holder = tmp.resolve("Holder.java");
        Files.writeString(holder, """
                import java.nio.channels.FileChannel;
                import java.nio.file.Path;
                import java.nio.file.StandardOpenOption;
                class Holder {
                    public static void main(String[] args) throws Exception {
                        try (FileChannel c = FileChannel.open(Path.of(args[0]), StandardOpenOption.WRITE)) {
                            c.lock();
                            System.out.println("locked");
                            System.in.read();
                        }
                    }
                }
                """);
        String java = ProcessHandle.current().info().command().orElse("java");
        Process owner = new ProcessBuilder(java, holder.toString(), live.resolve(ScratchDirectory.OWNER).toString())
                .redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(owner.getInputStream(), StandardCharsets.UTF_8))) {
            assertEquals("locked", out.readLine());

            assertEquals(0, ScratchDirectory.sweepAbandoned(tmp));
            assertTrue(Files.exists(live.resolve("left-over")));

            owner.getOutputStream().close();
            assertTrue(owner.waitFor(30, TimeUnit.SECONDS));
        } finally {
            owner.destroyForcibly();
        }
        assertEquals(1, ScratchDirectory.sweepAbandoned(tmp), "swept once its owner is gone");
    }

    @Test
    void directoriesWithoutAnOwnerFileAreNotCloudjarsToSweep(@TempDir Path tmp) throws Exception {
        Path other = Files.createDirectories(tmp.resolve("cloudjar-made-by-someone-else"));
        Path unrelated = scratchWithOwner(tmp, "another-tool-1");

        assertEquals(0, ScratchDirectory.sweepAbandoned(tmp));

        assertTrue(Files.exists(other));
        assertTrue(Files.exists(unrelated));
    }

    @Test
    void aDataDirsScratchIsEmptiedWhenCreatedAndDeletedWhenClosed(@TempDir Path data) throws Exception {
        Path stray = Files.createDirectories(data.resolve("scratch").resolve("lambda").resolve("tasks"));
        Files.writeString(stray.resolve("torn"), "half");

        try (ScratchDirectory scratch = ScratchDirectory.create(data, "lambda")) {
            assertEquals(data.toAbsolutePath().resolve("scratch").resolve("lambda"), scratch.path());
            assertFalse(Files.exists(stray));
            Files.writeString(scratch.path().resolve("runtime"), "x");
        }

        assertFalse(Files.exists(data.resolve("scratch").resolve("lambda")));
    }

    @Test
    void aTemporaryScratchHoldsItsOwnerLockUntilClosed() throws Exception {
        ScratchDirectory scratch = ScratchDirectory.create(null, "test");
        Path dir = scratch.path();
        try {
            assertTrue(dir.getFileName().toString().startsWith("cloudjar-test-" + ProcessHandle.current().pid() + "-"));
            assertTrue(Files.isRegularFile(dir.resolve(ScratchDirectory.OWNER)));
            ScratchDirectory.sweepAbandoned(dir.getParent());
            assertTrue(Files.exists(dir), "a live scratch is never swept");
        } finally {
            scratch.close();
        }
        assertFalse(Files.exists(dir));
    }
}
