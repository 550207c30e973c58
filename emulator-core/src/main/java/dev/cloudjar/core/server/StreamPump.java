package dev.cloudjar.core.server;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.LastHttpContent;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Copies a stream response body to its channel on worker threads without ever waiting for the
 * client: while the socket's buffer has room a worker reads and writes chunks; once it is full
 * the worker returns, and the channel's next writability change (or its closing) resumes the
 * copy. A client that reads slowly therefore holds at most a chunk and the channel's write buffer,
 * never a thread.
 */
final class StreamPump {
    private static final System.Logger LOG = System.getLogger(StreamPump.class.getName());

    private final Channel channel;
    private final InputStream in;
    private final Executor workers;
    private final int chunkBytes;
    private final ChannelPromise done;
    /** Whether a worker is copying, so that resumptions never run two copies at once. */
    private final AtomicBoolean running = new AtomicBoolean();

    StreamPump(Channel channel, InputStream in, Executor workers, int chunkBytes) {
        this.channel = channel;
        this.in = in;
        this.workers = workers;
        this.chunkBytes = chunkBytes;
        this.done = channel.newPromise();
    }

    /** Starts the copy; the future completes once the last content is written, or fails. */
    ChannelFuture start() {
        resume();
        return done;
    }

    /** Continues a paused copy: on writability, and on the channel's closing (which ends it). */
    void resume() {
        if (done.isDone() || !running.compareAndSet(false, true)) {
            return;
        }
        try {
            workers.execute(this::copy);
        } catch (RejectedExecutionException e) {
            fail(e);
        }
    }

    private void copy() {
        try {
            byte[] chunk = new byte[chunkBytes];
            while (true) {
                if (!channel.isActive()) {
                    fail(new ClosedChannelException());
                    return;
                }
                if (!channel.isWritable()) {
                    running.set(false);
                    // Writability may have come back between the check and the flag, unseen by resume().
                    if (channel.isWritable() || !channel.isActive()) {
                        resume();
                    }
                    return;
                }
                int n = in.readNBytes(chunk, 0, chunk.length);
                if (n <= 0) {
                    closeStream();
                    channel.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT).addListener((ChannelFutureListener) f -> {
                        if (f.isSuccess()) {
                            done.trySuccess();
                        } else {
                            done.tryFailure(f.cause());
                        }
                    });
                    return;
                }
                channel.writeAndFlush(new DefaultHttpContent(Unpooled.copiedBuffer(chunk, 0, n)));
            }
        } catch (IOException | RuntimeException e) {
            // Headers are gone already: the only honest signal left is to cut the connection.
            LOG.log(System.Logger.Level.WARNING, "response body failed mid-stream: " + e);
            channel.close();
            fail(e);
        }
    }

    private void fail(Throwable cause) {
        closeStream();
        done.tryFailure(cause);
    }

    private void closeStream() {
        try {
            in.close();
        } catch (IOException e) {
            // Nothing more to read from it either way.
        }
    }
}
