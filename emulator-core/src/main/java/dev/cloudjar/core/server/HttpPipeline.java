package dev.cloudjar.core.server;

import dev.cloudjar.core.gateway.Gateway;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.IdleStateHandler;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/** The per-connection pipeline: idle timeout, HTTP/1.1 codec, and the dispatch handler. */
final class HttpPipeline extends ChannelInitializer<SocketChannel> {
    /** Request line and header limits; AWS refuses header sections past about 8 KiB, we allow 16. */
    static final int MAX_INITIAL_LINE = 16 * 1024;
    static final int MAX_HEADER_SIZE = 16 * 1024;
    private static final int MAX_CHUNK = 64 * 1024;

    private final Gateway gateway;
    private final ExecutorService workers;
    private final long maxBufferedBody;
    private final Duration idleTimeout;
    private final HttpDates dates = new HttpDates();

    HttpPipeline(Gateway gateway, ExecutorService workers, long maxBufferedBody, Duration idleTimeout) {
        this.gateway = gateway;
        this.workers = workers;
        this.maxBufferedBody = maxBufferedBody;
        this.idleTimeout = idleTimeout;
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        channel.pipeline()
                .addLast(new IdleStateHandler(0, 0, idleTimeout.toMillis(), TimeUnit.MILLISECONDS))
                .addLast(new HttpServerCodec(MAX_INITIAL_LINE, MAX_HEADER_SIZE, MAX_CHUNK))
                .addLast(new HttpDispatchHandler(gateway, workers, maxBufferedBody, dates));
    }
}
