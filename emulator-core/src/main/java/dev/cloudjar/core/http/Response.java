package dev.cloudjar.core.http;

import java.util.concurrent.CompletionStage;

/** An HTTP response as codecs and admin routes build it. */
public final class Response {
    private final int status;
    private final Headers headers;
    private final ResponseBody body;
    private final CompletionStage<Response> pending;

    public Response(int status, Headers headers, ResponseBody body) {
        this(status, headers, body, null);
    }

    private Response(int status, Headers headers, ResponseBody body, CompletionStage<Response> pending) {
        this.status = status;
        this.headers = headers;
        this.body = body == null ? ResponseBody.EMPTY : body;
        this.pending = pending;
    }

    /**
     * A response that is not known yet (a long poll such as the Lambda Runtime API's next
     * invocation or SQS's ReceiveMessage wait): the server sends it when the stage completes and
     * holds no worker thread meanwhile.
     */
    public static Response later(CompletionStage<Response> pending) {
        return new Response(0, new Headers(), ResponseBody.EMPTY, pending);
    }

    /** The stage that will give the real response, or null when this response is complete. */
    public CompletionStage<Response> pending() {
        return pending;
    }

    public static Response of(int status, String contentType, byte[] body) {
        Headers headers = new Headers();
        if (contentType != null) {
            headers.set("Content-Type", contentType);
        }
        return new Response(status, headers, ResponseBody.of(body));
    }

    public int status() {
        return status;
    }

    public Headers headers() {
        return headers;
    }

    public ResponseBody body() {
        return body;
    }
}
