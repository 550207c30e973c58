package dev.cloudjar.core.server;

import io.netty.buffer.ByteBuf;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.Queue;

/**
 * A request body that the event loop fills and a worker thread reads, without ever holding the
 * whole body: when more than {@link #HIGH_WATER} bytes wait, the channel stops reading from the
 * socket until the worker has drained below {@link #LOW_WATER}.
 */
final class StreamingBody extends InputStream {
    static final int HIGH_WATER = 1024 * 1024;
    static final int LOW_WATER = 256 * 1024;

    /** Turns the channel's reading off and on; runs the toggle on the event loop. */
    interface FlowControl {
        void pause();

        void resume();
    }

    private final Queue<ByteBuf> chunks = new ArrayDeque<>();
    private final FlowControl flow;
    private long queuedBytes;
    private boolean complete;
    private boolean paused;
    private boolean closed;
    private IOException failure;

    StreamingBody(FlowControl flow) {
        this.flow = flow;
    }

    /** Called on the event loop with a retained chunk. */
    synchronized void offer(ByteBuf chunk) {
        if (closed || complete) {
            chunk.release();
            return;
        }
        chunks.add(chunk);
        queuedBytes += chunk.readableBytes();
        if (queuedBytes > HIGH_WATER && !paused) {
            paused = true;
            flow.pause();
        }
        notifyAll();
    }

    /** The last chunk has arrived. */
    synchronized void finish() {
        complete = true;
        notifyAll();
    }

    /** The connection went away before the body ended. */
    synchronized void fail(IOException cause) {
        if (!complete) {
            failure = cause;
        }
        notifyAll();
    }

    synchronized boolean isComplete() {
        return complete && chunks.isEmpty();
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (true) {
            if (closed) {
                throw new IOException("stream closed");
            }
            ByteBuf head = chunks.peek();
            if (head != null) {
                int n = Math.min(len, head.readableBytes());
                head.readBytes(b, off, n);
                queuedBytes -= n;
                if (!head.isReadable()) {
                    chunks.poll().release();
                }
                if (paused && queuedBytes < LOW_WATER) {
                    paused = false;
                    flow.resume();
                }
                return n;
            }
            if (failure != null) {
                throw failure;
            }
            if (complete) {
                return -1;
            }
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for the request body");
            }
        }
    }

    @Override
    public synchronized int available() {
        return (int) Math.min(Integer.MAX_VALUE, queuedBytes);
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            chunks.forEach(ByteBuf::release);
            chunks.clear();
            queuedBytes = 0;
            if (paused) {
                paused = false;
                flow.resume();
            }
            notifyAll();
        }
    }
}
