package dev.cloudjar.core.spi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * An operation's output as a handler returns it: member names as in the model's output shape,
 * values as for {@link Input} (a streaming payload member holds a
 * {@link dev.cloudjar.core.http.ResponseBody}). The codec decides where each member goes on the
 * wire (body, header, status code).
 */
public final class Output {
    private final Map<String, Object> members = new LinkedHashMap<>();
    private Map<String, String> headers = Map.of();
    private CompletionStage<Output> pending;

    public static Output empty() {
        return new Output();
    }

    /**
     * An output that is not known yet (SQS's ReceiveMessage waiting for messages): the gateway
     * writes it when the stage completes, without holding a worker thread meanwhile. The stage
     * may complete exceptionally with an {@code AwsException}.
     */
    public static Output later(CompletionStage<Output> pending) {
        Output output = new Output();
        output.pending = pending;
        return output;
    }

    /** The stage that will give the real output, or null when this output is complete. */
    public CompletionStage<Output> pending() {
        return pending;
    }

    public static Output of(String member, Object value) {
        return new Output().put(member, value);
    }

    /** Sets a member; a null value leaves it out, as AWS omits absent members. */
    public Output put(String member, Object value) {
        if (value != null) {
            members.put(member, value);
        }
        return this;
    }

    /**
     * Adds a response header no model member describes, as {@code AwsException.withHeader} does
     * for errors: S3's CORS headers, which depend on the bucket's configuration and the request's
     * Origin rather than on the operation.
     */
    public Output header(String name, String value) {
        if (headers.isEmpty()) {
            headers = new LinkedHashMap<>();
        }
        headers.put(name, value);
        return this;
    }

    /** The headers added with {@link #header}; the gateway writes them after the codec's own. */
    public Map<String, String> headers() {
        return Collections.unmodifiableMap(headers);
    }

    public Map<String, Object> members() {
        return Collections.unmodifiableMap(members);
    }

    @Override
    public String toString() {
        return members.toString();
    }
}
