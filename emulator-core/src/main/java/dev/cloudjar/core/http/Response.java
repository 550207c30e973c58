package dev.cloudjar.core.http;

/** An HTTP response as codecs and admin routes build it. */
public final class Response {
    private final int status;
    private final Headers headers;
    private final ResponseBody body;

    public Response(int status, Headers headers, ResponseBody body) {
        this.status = status;
        this.headers = headers;
        this.body = body == null ? ResponseBody.EMPTY : body;
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
