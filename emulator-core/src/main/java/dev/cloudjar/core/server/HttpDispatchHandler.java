package dev.cloudjar.core.server;

import dev.cloudjar.core.gateway.Exchange;
import dev.cloudjar.core.gateway.Gateway;
import dev.cloudjar.core.http.Headers;
import dev.cloudjar.core.http.Request;
import dev.cloudjar.core.http.RequestBody;
import dev.cloudjar.core.http.Response;
import dev.cloudjar.core.http.ResponseBody;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.DefaultFileRegion;
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
import io.netty.handler.timeout.IdleStateEvent;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;

/**
 * The one handler that turns Netty's HTTP objects into {@link Request}s for the gateway and its
 * {@link Response}s back into HTTP. Protocol bodies are buffered up to a bound; object bodies
 * stream to a worker thread with back-pressure. The gateway runs on the worker pool, never on the
 * event loop. One request at a time per connection: reading pauses while a response is pending.
 */
final class HttpDispatchHandler extends ChannelInboundHandlerAdapter {
    private static final System.Logger LOG = System.getLogger(HttpDispatchHandler.class.getName());
    private static final int RESPONSE_CHUNK = 64 * 1024;

    private enum State { IDLE, BUFFERING, STREAMING, DISCARDING }

    private final Gateway gateway;
    private final ExecutorService workers;
    private final long maxBufferedBody;
    private final HttpDates dates;

    private State state = State.IDLE;
    private HttpRequest head;
    private Request request;
    private Exchange exchange;
    private CompositeByteBuf buffer;
    private StreamingBody stream;
    // Read by the worker that sends the response, written on the event loop.
    private volatile boolean keepAlive;
    private volatile boolean requestComplete;

    HttpDispatchHandler(Gateway gateway, ExecutorService workers, long maxBufferedBody, HttpDates dates) {
        this.gateway = gateway;
        this.workers = workers;
        this.maxBufferedBody = maxBufferedBody;
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
        if (state != State.IDLE) {
            // A pipelined request while one is pending: not supported by AWS clients, refuse it.
            state = State.DISCARDING;
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
        request = new Request(httpRequest.method().name(), httpRequest.uri(), headers, RequestBody.EMPTY);
        long contentLength = HttpUtil.getContentLength(httpRequest, -1L);
        exchange = gateway.receive(request);
        if (gateway.bodyMode(exchange) == Gateway.BodyMode.BUFFERED) {
            if (contentLength > maxBufferedBody) {
                respondEarly(ctx, gateway.tooLarge(exchange, maxBufferedBody));
                return;
            }
            sendContinueIfExpected(ctx, httpRequest);
            state = State.BUFFERING;
            buffer = ctx.alloc().compositeBuffer(1024);
        } else {
            sendContinueIfExpected(ctx, httpRequest);
            state = State.STREAMING;
            stream = new StreamingBody(new FlowControl(ctx));
            request.body(RequestBody.ofStream(stream, contentLength));
            if (contentLength <= 0 && !HttpUtil.isTransferEncodingChunked(httpRequest)) {
                // A GET or HEAD has no body to wait for; the worker may answer before the decoder's
                // empty last content reaches us, and must not take that for an unread body.
                requestComplete = true;
                stream.finish();
            }
            dispatch(ctx, exchange);
        }
    }

    private static void sendContinueIfExpected(ChannelHandlerContext ctx, HttpRequest httpRequest) {
        if (HttpUtil.is100ContinueExpected(httpRequest)) {
            ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE));
        }
    }

    private void onContent(ChannelHandlerContext ctx, HttpContent content) {
        if (content.decoderResult().isFailure()) {
            if (state == State.STREAMING) {
                stream.fail(new IOException("malformed request body: " + content.decoderResult().cause()));
                state = State.DISCARDING;
                keepAlive = false;
            } else if (state == State.BUFFERING) {
                rejectMalformed(ctx, content.decoderResult().cause());
            }
            return;
        }
        boolean last = content instanceof LastHttpContent;
        switch (state) {
            case BUFFERING -> {
                ByteBuf data = content.content();
                if (buffer.readableBytes() + (long) data.readableBytes() > maxBufferedBody) {
                    respondEarly(ctx, gateway.tooLarge(exchange, maxBufferedBody));
                    return;
                }
                if (data.isReadable()) {
                    buffer.addComponent(true, data.retain());
                }
                if (last) {
                    byte[] bytes = ByteBufUtil.getBytes(buffer);
                    releaseBuffer();
                    request.body(RequestBody.of(bytes));
                    requestComplete = true;
                    ctx.channel().config().setAutoRead(false);
                    dispatch(ctx, exchange);
                }
            }
            case STREAMING -> {
                if (content.content().isReadable()) {
                    stream.offer(content.content().retain());
                }
                if (last) {
                    requestComplete = true;
                    stream.finish();
                    ctx.channel().config().setAutoRead(false);
                }
            }
            default -> {
                // IDLE after an early response, or DISCARDING: drop the rest of the body.
            }
        }
    }

    private void dispatch(ChannelHandlerContext ctx, Exchange arrived) {
        Request req = arrived.request();
        boolean headRequest = HttpMethod.HEAD.name().equals(req.method());
        try {
            workers.execute(() -> {
                Response response;
                try {
                    response = gateway.handle(arrived);
                } catch (Throwable t) {
                    // The gateway renders every error itself; this is the last line of defence.
                    LOG.log(System.Logger.Level.ERROR, "unhandled failure for " + req, t);
                    response = plain(500, "InternalError", "We encountered an internal error. Please try again.");
                }
                if (response.pending() != null) {
                    response.pending().whenCompleteAsync((later, failure) -> send(ctx, later != null ? later
                            : plain(500, "InternalError", "We encountered an internal error. Please try again."),
                            headRequest), workers);
                } else {
                    send(ctx, response, headRequest);
                }
            });
        } catch (RejectedExecutionException e) {
            send(ctx, plain(503, "SlowDown", "Please reduce your request rate."), headRequest);
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
                if (stream != null) {
                    stream.close();
                }
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
        try {
            writeHeaders(message.headers(), response, bodyless, close);
        } catch (RuntimeException e) {
            // A header value HTTP cannot carry (a control character a handler let through) must not
            // leave the client waiting for ever: answer 500 and close, as for any failure of ours.
            LOG.log(System.Logger.Level.ERROR, "cannot write the headers of a response", e);
            closeQuietly(body);
            if (message instanceof FullHttpResponse full) {
                full.release();
            }
            channel.writeAndFlush(toFull(plain(500, "InternalError", "We encountered an internal error. Please try again.")))
                    .addListener(ChannelFutureListener.CLOSE);
            return;
        }
        ChannelFuture last;
        if (message instanceof FullHttpResponse) {
            last = channel.writeAndFlush(message);
        } else {
            channel.write(message);
            if (body instanceof ResponseBody.FileRegion region) {
                channel.write(fileRegion(region));
                last = channel.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
            } else if (body instanceof ResponseBody.FileRegions regions) {
                // Each region opens its file only when its turn to be sent comes, so few files are open at once.
                regions.regions().forEach(region -> channel.write(fileRegion(region)));
                last = channel.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
            } else {
                last = pump(channel, (ResponseBody.Stream) body);
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

    /** Copies a stream body to the channel, waiting whenever the socket's buffer is full. */
    private static ChannelFuture pump(io.netty.channel.Channel channel, ResponseBody.Stream body) {
        try (InputStream in = body.stream()) {
            byte[] chunk = new byte[RESPONSE_CHUNK];
            int n;
            while (channel.isActive() && (n = in.readNBytes(chunk, 0, chunk.length)) > 0) {
                ChannelFuture written = channel.writeAndFlush(new DefaultHttpContent(Unpooled.copiedBuffer(chunk, 0, n)));
                if (!channel.isWritable()) {
                    written.awaitUninterruptibly();
                }
            }
            return channel.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
        } catch (IOException | RuntimeException e) {
            // Headers are gone already: the only honest signal left is to cut the connection.
            LOG.log(System.Logger.Level.WARNING, "response body failed mid-stream: " + e);
            return channel.close();
        }
    }

    private void finishResponse(ChannelHandlerContext ctx, ChannelFuture written, boolean close) {
        if (!written.isSuccess() || close) {
            ctx.close();
            return;
        }
        state = State.IDLE;
        request = null;
        exchange = null;
        stream = null;
        head = null;
        ctx.channel().config().setAutoRead(true);
        ctx.read();
    }

    private void respondEarly(ChannelHandlerContext ctx, Response response) {
        keepAlive = false;
        releaseBuffer();
        state = State.DISCARDING;
        send(ctx, response, false);
    }

    private void rejectMalformed(ChannelHandlerContext ctx, Throwable cause) {
        keepAlive = false;
        releaseBuffer();
        state = State.DISCARDING;
        boolean headersTooLarge = cause instanceof TooLongFrameException
                && String.valueOf(cause.getMessage()).toLowerCase().contains("header");
        Response response = headersTooLarge
                ? plain(431, "RequestHeaderSectionTooLarge", "Your request header section exceeds the maximum allowed size.")
                : plain(400, "BadRequest", "The HTTP request is malformed.");
        FullHttpResponse full = toFull(response);
        ctx.writeAndFlush(full).addListener(ChannelFutureListener.CLOSE);
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

    private void releaseBuffer() {
        if (buffer != null) {
            buffer.release();
            buffer = null;
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent && state == State.IDLE) {
            ctx.close();
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (stream != null) {
            stream.fail(new ClosedChannelException());
        }
        releaseBuffer();
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!(cause instanceof IOException)) {
            LOG.log(System.Logger.Level.WARNING, "connection error", cause);
        }
        if (stream != null) {
            stream.fail(cause instanceof IOException io ? io : new IOException(cause));
        }
        ctx.close();
    }

    /** Pauses and resumes socket reads for a streaming body, always on the event loop. */
    private final class FlowControl implements StreamingBody.FlowControl {
        private final ChannelHandlerContext ctx;

        FlowControl(ChannelHandlerContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public void pause() {
            ctx.executor().execute(() -> ctx.channel().config().setAutoRead(false));
        }

        @Override
        public void resume() {
            ctx.executor().execute(() -> {
                if (state == State.STREAMING && !requestComplete) {
                    ctx.channel().config().setAutoRead(true);
                    ctx.read();
                }
            });
        }
    }

}
