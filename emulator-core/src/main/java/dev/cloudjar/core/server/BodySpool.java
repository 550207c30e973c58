package dev.cloudjar.core.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * A request body received in full before any worker thread sees it, so that a client sending
 * slowly holds no thread, only this spool (nginx's client body buffer, for the same reason). The
 * first {@link #MEMORY_LIMIT} bytes stay in memory; a longer body goes to a file in the spool
 * directory, written by short tasks on the worker pool that never wait for the client. Reading
 * from the socket pauses while more than {@link #HIGH_WATER} bytes wait to be written.
 *
 * <p>The event loop calls {@link #offer} and {@link #finish}; once the completion callback has
 * run, a worker reads the body ({@link #bytes}, {@link #stream}); {@link #discard} frees it.
 */
final class BodySpool {
    /** What a slow client can hold in memory per connection; 100 such clients hold 12.5 MiB. */
    static final int MEMORY_LIMIT = 128 * 1024;
    static final int HIGH_WATER = 1024 * 1024;
    static final int LOW_WATER = 256 * 1024;

    private final Path directory;
    private final Executor workers;
    private final StreamingFlow flow;
    private final CompositeByteBuf memory;
    // Guarded by this: chunks handed from the event loop to the writing task.
    private final Queue<ByteBuf> unwritten = new ArrayDeque<>();
    private long unwrittenBytes;
    private boolean writing;
    private boolean paused;
    private boolean complete;
    private boolean discarded;
    private Consumer<IOException> whenWritten;
    /** The write that lost the body, kept for the completion callback whichever task reports it. */
    private IOException failure;
    // Event loop only.
    private long received;
    private boolean spilled;
    // The writing task only (then the reader, after completion).
    private Path file;
    private FileChannel channel;

    /** Turns the connection's reading off and on; both may be called from any thread. */
    interface StreamingFlow {
        void pause();

        void resume();
    }

    BodySpool(Path directory, Executor workers, StreamingFlow flow) {
        this.directory = directory;
        this.workers = workers;
        this.flow = flow;
        this.memory = Unpooled.compositeBuffer(64);
    }

    /** Bytes received so far. */
    long received() {
        return received;
    }

    /** Takes a retained chunk; on the event loop. */
    void offer(ByteBuf chunk) {
        received += chunk.readableBytes();
        if (!spilled && received <= MEMORY_LIMIT) {
            memory.addComponent(true, chunk);
            return;
        }
        boolean start;
        synchronized (this) {
            if (discarded) {
                chunk.release();
                return;
            }
            if (!spilled) {
                // Past the memory part: it goes to the file first, then everything after it.
                spilled = true;
                if (memory.isReadable()) {
                    unwritten.add(memory.retainedSlice());
                    unwrittenBytes += memory.readableBytes();
                }
            }
            unwritten.add(chunk);
            unwrittenBytes += chunk.readableBytes();
            if (unwrittenBytes > HIGH_WATER && !paused) {
                paused = true;
                flow.pause();
            }
            start = !writing;
            writing = true;
        }
        if (start) {
            workers.execute(this::write);
        }
    }

    /**
     * The last chunk has arrived; {@code callback} runs once every byte is where it can be read,
     * with null, or with the failure that lost the body (a full disk). It runs on a worker thread
     * when the body went to a file, else at once on the calling thread.
     */
    void finish(Consumer<IOException> callback) {
        IOException lost;
        synchronized (this) {
            complete = true;
            if (spilled && writing) {
                // The writing task reports once it has written the last chunk.
                whenWritten = callback;
                return;
            }
            lost = failure;
        }
        callback.accept(lost);
    }

    private void write() {
        while (true) {
            ByteBuf chunk;
            Consumer<IOException> done = null;
            IOException lost;
            synchronized (this) {
                lost = failure;
                chunk = discarded ? null : unwritten.poll();
                if (chunk == null) {
                    writing = false;
                    if (discarded) {
                        closeFile();
                    } else if (complete) {
                        done = whenWritten;
                        whenWritten = null;
                    }
                } else {
                    unwrittenBytes -= chunk.readableBytes();
                    if (paused && unwrittenBytes < LOW_WATER) {
                        paused = false;
                        flow.resume();
                    }
                }
            }
            if (chunk == null) {
                if (done != null) {
                    done.accept(lost);
                }
                return;
            }
            try {
                if (lost == null) {
                    writeToFile(chunk);
                }
            } catch (IOException e) {
                synchronized (this) {
                    failure = e;
                }
            } finally {
                chunk.release();
            }
        }
    }

    private void writeToFile(ByteBuf chunk) throws IOException {
        if (channel == null) {
            file = Files.createTempFile(directory, "body-", ".spool");
            channel = FileChannel.open(file, StandardOpenOption.WRITE);
        }
        while (chunk.isReadable()) {
            chunk.readBytes(channel, chunk.readableBytes());
        }
    }

    /** The whole body in memory; after completion, for bodies bounded by the buffered limit. */
    byte[] bytes() {
        if (!spilled) {
            return ByteBufUtil.getBytes(memory);
        }
        try (InputStream in = stream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The body as a stream; after completion. */
    InputStream stream() throws IOException {
        if (!spilled) {
            return new ByteArrayInputStream(ByteBufUtil.getBytes(memory));
        }
        // The spool's own channel is shared with discard(); a second one lets a reader close freely.
        return Channels.newInputStream(FileChannel.open(file, StandardOpenOption.READ));
    }

    /**
     * The body as a stream that may be taken before the body is here: the gateway's head steps
     * wrap an upload's stream (a signature check, aws-chunked decoding) before the bytes arrive,
     * and the handler reads it only after completion. It opens {@link #stream} on first read.
     */
    InputStream deferredStream() {
        return new DeferredStream();
    }

    private final class DeferredStream extends InputStream {
        private InputStream open;
        private boolean closed;

        private InputStream open() throws IOException {
            if (closed) {
                throw new IOException("stream closed");
            }
            if (open == null) {
                open = stream();
            }
            return open;
        }

        @Override
        public int read() throws IOException {
            return open().read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return open().read(b, off, len);
        }

        @Override
        public long skip(long n) throws IOException {
            return open().skip(n);
        }

        @Override
        public int available() throws IOException {
            return closed || open == null ? 0 : open.available();
        }

        @Override
        public void close() throws IOException {
            closed = true;
            if (open != null) {
                open.close();
            }
        }
    }

    /** Frees the memory and deletes the file; from any thread, any number of times. */
    void discard() {
        boolean close;
        synchronized (this) {
            if (discarded) {
                return;
            }
            discarded = true;
            unwritten.forEach(ByteBuf::release);
            unwritten.clear();
            unwrittenBytes = 0;
            // A writing task still running closes the file itself when it sees the discard.
            close = !writing;
        }
        memory.release();
        if (close) {
            closeFile();
        }
    }

    private void closeFile() {
        try {
            if (channel != null) {
                channel.close();
            }
            if (file != null) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            // A file we cannot delete stays in the spool directory, which is cleared on the next start.
        }
    }
}
