package dev.cloudjar.core.server;

import dev.cloudjar.core.gateway.Exchange;
import dev.cloudjar.core.gateway.Gateway;
import dev.cloudjar.core.http.Headers;
import dev.cloudjar.core.http.Request;
import dev.cloudjar.core.http.RequestBody;
import dev.cloudjar.core.http.Response;
import dev.cloudjar.core.http.ResponseBody;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.DefaultFileRegion;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The one handler that turns Netty's HTTP objects into {@link Request}s for the gateway and its
 * {@link Response}s back into HTTP. A request reaches a worker thread only once its whole body is
 * here ({@link BodySpool}: in memory up to a bound, then in a scratch file), so a client that sends
 * slowly holds no thread; an object upload first runs the gateway's head steps on a worker, so a
 * refused upload is answered before its body is read. The gateway runs on the worker pool, never on
 * the event loop, except the health check. Requests on one connection are answered in order: a
 * {@code FlowControlHandler} before this one holds pipelined requests while reading is paused.
 */
final class HttpDispatchHandler extends ChannelInboundHandlerAdapter {
    private static final System.Logger LOG = System.getLogger(HttpDispatchHandler.class.getName());
    private static final int RESPONSE_CHUNK = 64 * 1024;
    private static final long LINGER_MILLIS = 2000;

    private enum State {
        /** Waiting for a request's head. */
        IDLE,
        /** An upload's head steps run on a worker; reading is paused. */
        PREPARING,
        /** The body is arriving into the spool. */
        RECEIVING,
        /** The whole request is here and being answered; reading is paused. */
        WAITING,
        /** Answered before the body ended: the rest is dropped and the connection closes. */
        DISCARDING
    }

    private final Gateway gateway;
    private final ExecutorService workers;
    /** The copy of a stream response body under way, resumed when the socket drains; set by a worker. */
    private volatile StreamPump pump;
    private final long maxBufferedBody;
    private final Path scratch;
    private final HttpDates dates;

    private State state = State.IDLE;
    private HttpRequest head;
    private Exchange exchange;
    private boolean streamed;
    /** The most this request's body may be when buffered. */
    private long bodyLimit;
    /** The request's body was given at the head as the spool's deferred stream (an upload's). */
    private boolean deferredBody;
    private Response immediate;
    // Written on the event loop, read by the worker that answers and by discard from any thread.
    private volatile BodySpool spool;
    // Read by the worker that sends the response, written on the event loop.
    private volatile boolean keepAlive;
    private volatile boolean requestComplete;

    HttpDispatchHandler(Gateway gateway, ExecutorService workers, long maxBufferedBody, Path scratch, HttpDates dates) {
        this.gateway = gateway;
        this.workers = workers;
        this.maxBufferedBody = maxBufferedBody;
        this.scratch = scratch;
        this.dates = dates;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof HttpRequest httpRequest) {
                onHead(ctx, httpRequest);
            }
            if (msg instanceof HttpContent content) {
                onContent(ctx, content);
            }
        } finally {
            if (msg instanceof HttpContent content) {
                content.release();
            }
        }
    }

    private void onHead(ChannelHandlerContext ctx, HttpRequest httpRequest) {
        if (state == State.DISCARDING) {
            return;
        }
        if (state != State.IDLE) {
            // Reading is paused while a request is answered, so this is a bug of ours; never answer out of order.
            LOG.log(System.Logger.Level.WARNING, "a request head arrived while another was " + state);
            ctx.close();
            return;
        }
        head = httpRequest;
        keepAlive = HttpUtil.isKeepAlive(httpRequest);
        requestComplete = false;
        if (httpRequest.decoderResult().isFailure()) {
            rejectMalformed(ctx, httpRequest.decoderResult().cause());
            return;
        }
        Headers headers = new Headers();
        for (Map.Entry<String, String> h : httpRequest.headers()) {
            headers.add(h.getKey(), h.getValue());
        }
        Request request = new Request(httpRequest.method().name(), httpRequest.uri(), headers, RequestBody.EMPTY);
        long contentLength;
        try {
            contentLength = HttpUtil.getContentLength(httpRequest, -1L);
            exchange = gateway.receive(request);
        } catch (RuntimeException e) {
            // The head steps answer what they refuse themselves; anything else must still be answered.
            LOG.log(System.Logger.Level.ERROR, "the head of " + request + " failed", e);
            rejectMalformed(ctx, e);
            return;
        }
        streamed = gateway.bodyMode(exchange) == Gateway.BodyMode.STREAMED;
        bodyLimit = gateway.bodyLimit(exchange, maxBufferedBody);
        if (!streamed && contentLength > bodyLimit) {
            respondEarly(ctx, gateway.tooLarge(exchange, bodyLimit));
            return;
        }
        immediate = gateway.immediate(exchange);
        deferredBody = false;
        state = State.RECEIVING;
        if (contentLength <= 0 && !HttpUtil.isTransferEncodingChunked(httpRequest)) {
            // No body: the decoder's empty last content follows at once.
            return;
        }
        spool = new BodySpool(scratch, workers, new SpoolFlow(ctx));
        if (streamed && (contentLength < 0 || contentLength > BodySpool.MEMORY_LIMIT)) {
            // An upload: the steps that need only the head run first, and the body is read only if
            // they let the request on. The handler reads it from the spool once it is all here.
            request.body(RequestBody.ofStream(spool.deferredStream(), contentLength));
            deferredBody = true;
            state = State.PREPARING;
            ctx.channel().config().setAutoRead(false);
            Exchange preparing = exchange;
            try {
                workers.execute(() -> {
                    Response refused = gateway.prepare(preparing);
                    ctx.executor().execute(() -> afterPrepare(ctx, preparing, refused));
                });
            } catch (RejectedExecutionException e) {
                respondEarly(ctx, slowDown());
            }
            return;
        }
        sendContinueIfExpected(ctx, httpRequest);
    }

    /** On the event loop, once an upload's head steps have run. */
    private void afterPrepare(ChannelHandlerContext ctx, Exchange prepared, Response refused) {
        if (state != State.PREPARING || exchange != prepared || !ctx.channel().isActive()) {
            return;
        }
        if (refused != null) {
            respondEarly(ctx, refused);
            return;
        }
        // As S3 does: 100 Continue only once the request is known to be acceptable.
        sendContinueIfExpected(ctx, head);
        state = State.RECEIVING;
        ctx.channel().config().setAutoRead(true);
    }

    private static void sendContinueIfExpected(ChannelHandlerContext ctx, HttpRequest httpRequest) {
        if (HttpUtil.is100ContinueExpected(httpRequest)) {
            ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE));
        }
    }

    private void onContent(ChannelHandlerContext ctx, HttpContent content) {
        if (state != State.RECEIVING) {
            // DISCARDING after an early answer: drop the rest of the body.
            return;
        }
        if (content.decoderResult().isFailure()) {
            rejectMalformed(ctx, content.decoderResult().cause());
            return;
        }
        ByteBuf data = content.content();
        if (data.isReadable()) {
            if (spool == null) {
                // The decoder gives no body bytes to a request that announced none; never guess at one.
                rejectMalformed(ctx, new IllegalStateException("body bytes after a bodiless head"));
                return;
            }
            if (!streamed && spool.received() + data.readableBytes() > bodyLimit) {
                respondEarly(ctx, gateway.tooLarge(exchange, bodyLimit));
                return;
            }
            spool.offer(data.retain());
        }
        if (content instanceof LastHttpContent) {
            requestComplete = true;
            state = State.WAITING;
            ctx.channel().config().setAutoRead(false);
            Exchange complete = exchange;
            if (spool == null) {
                bodyReceived(ctx, complete, null);
            } else {
                spool.finish(failure -> bodyReceived(ctx, complete, failure));
            }
        }
    }

    /** The whole body is in the spool (or it failed to get there); on the event loop or a worker. */
    private void bodyReceived(ChannelHandlerContext ctx, Exchange arrived, IOException failure) {
        Request req = arrived.request();
        boolean headRequest = HttpMethod.HEAD.name().equals(req.method());
        if (failure != null) {
            LOG.log(System.Logger.Level.ERROR, "cannot keep the body of " + req + " in " + scratch, failure);
            keepAlive = false;
            send(ctx, internalError(), headRequest);
            return;
        }
        if (immediate != null) {
            send(ctx, immediate, headRequest);
            return;
        }
        BodySpool body = deferredBody ? null : spool;
        try {
            workers.execute(() -> {
                Response response;
                try {
                    if (body != null) {
                        // A protocol body or a small object: whole, in memory, bounded by the limits above.
                        req.body(RequestBody.of(body.bytes()));
                    }
                    response = gateway.handle(arrived);
                } catch (Throwable t) {
                    // The gateway renders every error itself; this is the last line of defence.
                    LOG.log(System.Logger.Level.ERROR, "unhandled failure for " + req, t);
                    response = internalError();
                }
                if (response.pending() != null) {
                    response.pending().whenCompleteAsync((later, fail) ->
                            send(ctx, later != null ? later : internalError(), headRequest), workers);
                } else {
                    send(ctx, response, headRequest);
                }
            });
        } catch (RejectedExecutionException e) {
            send(ctx, slowDown(), headRequest);
        }
    }

    /** Writes the response; runs on a worker thread (Netty hands the writes to the event loop). */
    private void send(ChannelHandlerContext ctx, Response response, boolean headRequest) {
        io.netty.channel.Channel channel = ctx.channel();
        // A handler that answered before the whole body arrived leaves bytes we will not read:
        // the connection closes after this response, as S3 does.
        boolean close = !keepAlive || !requestComplete;
        if (!requestComplete) {
            ctx.executor().execute(() -> {
                discardSpool();
                state = State.DISCARDING;
                ctx.channel().config().setAutoRead(true);
            });
        }
        HttpResponseStatus status = HttpResponseStatus.valueOf(response.status());
        ResponseBody body = response.body();
        boolean bodyless = headRequest || response.status() == 204 || response.status() == 304;
        HttpResponse message;
        if (bodyless || body.length() == 0) {
            closeQuietly(body);
            message = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.EMPTY_BUFFER);
        } else if (body instanceof ResponseBody.Bytes bytes) {
            message = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(bytes.bytes()));
        } else {
            message = new DefaultHttpResponse(HttpVersion.HTTP_1_1, status);
        }
        DefaultFileRegion file = null;
        if (!bodyless && body instanceof ResponseBody.FileRegion region) {
            // Opened now, before the headers go out: an overwrite or delete of the object racing
            // this read then cannot leave the client with headers and no body (the open file
            // stays readable after its name is gone). A file already gone is a retryable 500.
            try {
                file = new DefaultFileRegion(FileChannel.open(region.file(), StandardOpenOption.READ),
                        region.offset(), region.length());
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "the file of a response vanished before it was sent: " + e);
                channel.writeAndFlush(toFull(internalError())).addListener(ChannelFutureListener.CLOSE);
                return;
            }
        }
        try {
            writeHeaders(message.headers(), response, bodyless, close);
        } catch (RuntimeException e) {
            // A header value HTTP cannot carry (a control character a handler let through) must not
            // leave the client waiting for ever: answer 500 and close, as for any failure of ours.
            LOG.log(System.Logger.Level.ERROR, "cannot write the headers of a response", e);
            closeQuietly(body);
            if (file != null) {
                file.release();
            }
            if (message instanceof FullHttpResponse full) {
                full.release();
            }
            channel.writeAndFlush(toFull(internalError())).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        ChannelFuture last;
        if (message instanceof FullHttpResponse) {
            last = channel.writeAndFlush(message);
        } else {
            channel.write(message);
            if (file != null) {
                channel.write(file);
                last = channel.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
            } else if (body instanceof ResponseBody.FileRegions regions) {
                // Each region opens its file only when its turn to be sent comes, so few files are open at once.
                regions.regions().forEach(region -> channel.write(fileRegion(region)));
                last = channel.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
            } else {
                StreamPump copy = new StreamPump(channel, ((ResponseBody.Stream) body).stream(), workers, RESPONSE_CHUNK);
                pump = copy;
                last = copy.start();
            }
        }
        last.addListener((ChannelFutureListener) f -> finishResponse(ctx, f, close));
    }

    private void writeHeaders(HttpHeaders headers, Response response, boolean bodyless, boolean close) {
        for (Map.Entry<String, List<String>> h : response.headers().asLowerCaseMap().entrySet()) {
            headers.add(h.getKey(), h.getValue());
        }
        if (!headers.contains(HttpHeaderNames.DATE)) {
            // AWS dates every response; SDKs correct their clock skew from it.
            headers.set(HttpHeaderNames.DATE, dates.now());
        }
        if (!(bodyless && headers.contains(HttpHeaderNames.CONTENT_LENGTH))) {
            if (response.status() == 204 || response.status() == 304) {
                headers.remove(HttpHeaderNames.CONTENT_LENGTH);
            } else {
                headers.set(HttpHeaderNames.CONTENT_LENGTH, response.body().length());
            }
        }
        if (close) {
            headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        } else if (head.protocolVersion().equals(HttpVersion.HTTP_1_0)) {
            headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        }
    }

    private static DefaultFileRegion fileRegion(ResponseBody.FileRegion region) {
        return new DefaultFileRegion(region.file().toFile(), region.offset(), region.length());
    }

    private void finishResponse(ChannelHandlerContext ctx, ChannelFuture written, boolean close) {
        pump = null;
        if (!written.isSuccess() || close) {
            discardSpool();
            if (written.isSuccess() && !requestComplete) {
                lingeringClose(written);
            } else {
                ctx.close();
            }
            return;
        }
        discardSpool();
        state = State.IDLE;
        exchange = null;
        immediate = null;
        head = null;
        // A pipelined request the FlowControlHandler holds comes next, else the socket is read.
        ctx.channel().config().setAutoRead(true);
    }

    private void respondEarly(ChannelHandlerContext ctx, Response response) {
        keepAlive = false;
        discardSpool();
        state = State.DISCARDING;
        send(ctx, response, head != null && HttpMethod.HEAD.equals(head.method()));
    }

    private void rejectMalformed(ChannelHandlerContext ctx, Throwable cause) {
        keepAlive = false;
        discardSpool();
        state = State.DISCARDING;
        boolean headersTooLarge = cause instanceof TooLongFrameException
                && String.valueOf(cause.getMessage()).toLowerCase().contains("header");
        Response response = headersTooLarge
                ? plain(431, "RequestHeaderSectionTooLarge", "Your request header section exceeds the maximum allowed size.")
                : plain(400, "BadRequest", "The HTTP request is malformed.");
        lingeringClose(ctx.writeAndFlush(toFull(response)));
    }

    /**
     * Closes after an answer given before the request was read to its end. Closing at once with
     * unread bytes makes the kernel reset the connection, and a reset can destroy the answer
     * before the client reads it; so the server ends its side, reads and drops what still
     * arrives for a moment, then closes (Apache's and nginx's lingering close).
     */
    private static void lingeringClose(ChannelFuture written) {
        written.addListener((ChannelFutureListener) f -> {
            io.netty.channel.Channel channel = f.channel();
            if (!f.isSuccess() || !(channel instanceof SocketChannel socket) || !channel.isActive()) {
                channel.close();
                return;
            }
            channel.config().setAutoRead(true);
            socket.shutdownOutput().addListener(x -> channel.eventLoop()
                    .schedule(() -> channel.close(), LINGER_MILLIS, TimeUnit.MILLISECONDS));
        });
    }

    private static FullHttpResponse toFull(Response response) {
        byte[] bytes = ((ResponseBody.Bytes) response.body()).bytes();
        FullHttpResponse full = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(response.status()), Unpooled.wrappedBuffer(bytes));
        response.headers().asLowerCaseMap().forEach((k, v) -> full.headers().add(k, v));
        full.headers().set(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
        full.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        return full;
    }

    /** Our own failure, below any protocol. */
    private static Response internalError() {
        return plain(500, "InternalError", "We encountered an internal error. Please try again.");
    }

    /** More requests wait for a worker than the queue holds. */
    private static Response slowDown() {
        return plain(503, "SlowDown", "Please reduce your request rate.");
    }

    /** An error for failures below any protocol (no service resolved yet). */
    static Response plain(int status, String code, String message) {
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + code + "</Code><Message>"
                + message + "</Message></Error>";
        return Response.of(status, "application/xml", xml.getBytes(StandardCharsets.UTF_8));
    }

    private static void closeQuietly(ResponseBody body) {
        if (body instanceof ResponseBody.Stream s) {
            try {
                s.stream().close();
            } catch (IOException ignored) {
                // nothing more to do for a body that will not be sent
            }
        }
    }

    private void discardSpool() {
        BodySpool s = spool;
        if (s != null) {
            spool = null;
            s.discard();
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent idle) {
            if (idle.state() == IdleState.ALL_IDLE && state == State.IDLE) {
                ctx.close();
            } else if (idle.state() == IdleState.READER_IDLE && state == State.RECEIVING) {
                // The idle timeout applies inside a request too: a body that stopped arriving is
                // answered as S3 answers it, and the connection closes.
                respondEarly(ctx, gateway.requestTimeout(exchange));
            }
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        StreamPump copy = pump;
        if (copy != null && ctx.channel().isWritable()) {
            copy.resume();
        }
        super.channelWritabilityChanged(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        state = State.DISCARDING;
        discardSpool();
        StreamPump copy = pump;
        if (copy != null) {
            copy.resume();
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!(cause instanceof IOException)) {
            LOG.log(System.Logger.Level.WARNING, "connection error", cause);
        }
        ctx.close();
    }

    /** Pauses and resumes socket reads while a spool's file writes catch up, always on the event loop. */
    private final class SpoolFlow implements BodySpool.StreamingFlow {
        private final ChannelHandlerContext ctx;

        SpoolFlow(ChannelHandlerContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public void pause() {
            ctx.executor().execute(() -> {
                if (state == State.RECEIVING) {
                    ctx.channel().config().setAutoRead(false);
                }
            });
        }

        @Override
        public void resume() {
            ctx.executor().execute(() -> {
                if (state == State.RECEIVING) {
                    ctx.channel().config().setAutoRead(true);
                }
            });
        }
    }
}
