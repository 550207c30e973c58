package dev.cloudjar.core.server;

import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

class BodySpoolTest {
    private static final BodySpool.StreamingFlow NO_FLOW = new BodySpool.StreamingFlow() {
        @Override
        public void pause() {
        }

        @Override
        public void resume() {
        }
    };

    private static byte[] bytes(int length, int fill) {
        byte[] b = new byte[length];
        Arrays.fill(b, (byte) fill);
        return b;
    }

    @Test
    void aBodyPastTheMemoryPartIsReadBackWholeFromItsFileWhichDiscardDeletes(@TempDir Path dir) throws IOException {
        BodySpool spool = new BodySpool(dir, Runnable::run, NO_FLOW);
        byte[] first = bytes(BodySpool.MEMORY_LIMIT, 1);
        byte[] second = bytes(1000, 2);
        spool.offer(Unpooled.wrappedBuffer(first));
        spool.offer(Unpooled.wrappedBuffer(second));
        AtomicReference<IOException> reported = new AtomicReference<>(new IOException("not called"));
        spool.finish(reported::set);

        assertNull(reported.get());
        byte[] all = spool.bytes();
        assertEquals(first.length + second.length, all.length);
        assertArrayEquals(second, Arrays.copyOfRange(all, first.length, all.length));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count());
        }
        spool.discard();
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count());
        }
    }

    @Test
    void aStreamTakenBeforeTheBodyArrivedReadsItOnceItIsHere(@TempDir Path dir) throws IOException {
        BodySpool spool = new BodySpool(dir, Runnable::run, NO_FLOW);
        java.io.InputStream early = spool.deferredStream();
        byte[] body = bytes(BodySpool.MEMORY_LIMIT * 2, 7);
        spool.offer(Unpooled.wrappedBuffer(body));
        spool.finish(failure -> { });

        try (early) {
            assertArrayEquals(body, early.readAllBytes());
        }
        spool.discard();
    }

    /** The write fails and its task ends before the last chunk arrives: the failure still reaches the callback. */
    @Test
    void aWriteThatFailedBeforeTheEndIsReportedAtTheEnd(@TempDir Path dir) {
        BodySpool spool = new BodySpool(dir.resolve("gone"), Runnable::run, NO_FLOW);
        spool.offer(Unpooled.wrappedBuffer(bytes(BodySpool.MEMORY_LIMIT + 1, 3)));
        AtomicReference<IOException> reported = new AtomicReference<>();
        spool.finish(reported::set);

        assertNotNull(reported.get(), "a body that never reached its file is not reported as whole");
        spool.discard();
    }
}
