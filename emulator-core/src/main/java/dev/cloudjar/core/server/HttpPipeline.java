package dev.cloudjar.core.server;

import dev.cloudjar.core.gateway.Gateway;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.flow.FlowControlHandler;
import io.netty.handler.timeout.IdleStateHandler;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The per-connection pipeline: timeouts (a connection idle between requests; a request body that
 * stopped arriving), the HTTP/1.1 codec, a flow-control handler that holds pipelined requests
 * while one is answered, and the dispatch handler.
 */
final class HttpPipeline extends ChannelInitializer<SocketChannel> {
    /** Request line and header limits; AWS refuses header sections past about 8 KiB, we allow 16. */
    static final int MAX_INITIAL_LINE = 16 * 1024;
    static final int MAX_HEADER_SIZE = 16 * 1024;
    private static final int MAX_CHUNK = 64 * 1024;

    private final Gateway gateway;
    private final ExecutorService workers;
    private final long maxBufferedBody;
    private final Duration idleTimeout;
    private final Duration requestTimeout;
    private final Path scratch;
    private final HttpDates dates = new HttpDates();

    HttpPipeline(Gateway gateway, ExecutorService workers, long maxBufferedBody, Duration idleTimeout,
                 Duration requestTimeout, Path scratch) {
        this.gateway = gateway;
        this.workers = workers;
        this.maxBufferedBody = maxBufferedBody;
        this.idleTimeout = idleTimeout;
        this.requestTimeout = requestTimeout;
        this.scratch = scratch;
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        channel.pipeline()
                .addLast(new IdleStateHandler(requestTimeout.toMillis(), 0, idleTimeout.toMillis(), TimeUnit.MILLISECONDS))
                .addLast(new HttpServerCodec(MAX_INITIAL_LINE, MAX_HEADER_SIZE, MAX_CHUNK))
                .addLast(new FlowControlHandler())
                .addLast(new HttpDispatchHandler(gateway, workers, maxBufferedBody, scratch, dates));
    }
}
