package dev.cloudjar.lambda.runtime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One invocation on its way through an execution environment: handed to the runtime by
 * {@code /next} ("delivered"), answered by {@code /response} or {@code /error}, or ended by
 * Cloudjar on a crash or timeout. It collects the log lines the function writes meanwhile.
 */
public final class Invocation {
    private final String requestId;
    private final byte[] payload;
    private final String clientContext;
    private final String invokedFunctionArn;
    private final Duration timeout;
    private final CompletableFuture<Long> delivered = new CompletableFuture<>();
    private final CompletableFuture<RuntimeResponse> response = new CompletableFuture<>();
    private final List<String> logLines = new ArrayList<>();
    private volatile long deliveredNanos;

    public Invocation(String requestId, byte[] payload, String clientContext, String invokedFunctionArn, Duration timeout) {
        this.requestId = requestId;
        this.payload = payload;
        this.clientContext = clientContext;
        this.invokedFunctionArn = invokedFunctionArn;
        this.timeout = timeout;
    }

    public String requestId() {
        return requestId;
    }

    public byte[] payload() {
        return payload;
    }

    public String clientContext() {
        return clientContext;
    }

    public String invokedFunctionArn() {
        return invokedFunctionArn;
    }

    /** Completes with the deadline (epoch millis) when the runtime receives the event. */
    public CompletableFuture<Long> delivered() {
        return delivered;
    }

    public CompletableFuture<RuntimeResponse> response() {
        return response;
    }

    void markDelivered() {
        deliveredNanos = System.nanoTime();
        delivered.complete(System.currentTimeMillis() + timeout.toMillis());
    }

    public long deliveredNanos() {
        return deliveredNanos;
    }

    public Duration timeout() {
        return timeout;
    }

    public void log(String line) {
        synchronized (logLines) {
            logLines.add(line);
        }
    }

    public List<String> logLines() {
        synchronized (logLines) {
            return List.copyOf(logLines);
        }
    }
}
