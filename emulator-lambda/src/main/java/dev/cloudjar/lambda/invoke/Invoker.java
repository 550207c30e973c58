package dev.cloudjar.lambda.invoke;

import dev.cloudjar.core.spi.Scope;
import dev.cloudjar.lambda.concurrency.ConcurrencyLimits;
import dev.cloudjar.lambda.function.FunctionConfiguration;
import dev.cloudjar.lambda.runtime.EnvironmentPool;
import dev.cloudjar.lambda.runtime.ExecutionEnvironment;
import dev.cloudjar.lambda.runtime.FunctionLogs;
import dev.cloudjar.lambda.runtime.Invocation;
import dev.cloudjar.lambda.runtime.RuntimeResponse;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs one invocation of a function version: takes concurrency, leases an environment (cold or
 * warm), waits for the runtime's answer within the function's timeout, recycles the environment
 * after a timeout or crash, and writes START / END / REPORT around the function's output.
 */
public final class Invoker {
    /** Lambda's limit on how long an on-demand environment may take to initialise. */
    private static final Duration INIT_TIMEOUT = Duration.ofSeconds(10);
    private static final int TAIL_BYTES = 4096;

    /** What an invocation produced: the payload, the function error (null on success) and its log. */
    public record Result(byte[] payload, String functionError, String executedVersion, List<String> log) {
        /** The last 4 KB of the invocation's log, base64-encoded, as X-Amz-Log-Result carries it. */
        public String logTail() {
            byte[] all = (String.join("\n", log) + "\n").getBytes(StandardCharsets.UTF_8);
            int from = Math.max(0, all.length - TAIL_BYTES);
            return Base64.getEncoder().encodeToString(java.util.Arrays.copyOfRange(all, from, all.length));
        }
    }

    private final ConcurrencyLimits limits;
    private final EnvironmentPool pool;
    private final FunctionLogs logs;

    public Invoker(ConcurrencyLimits limits, EnvironmentPool pool, FunctionLogs logs) {
        this.limits = limits;
        this.pool = pool;
        this.logs = logs;
    }

    /** Invokes and waits; throws TooManyRequestsException when over the concurrency limits. */
    public Result invoke(Scope scope, FunctionConfiguration function, String invokedArn, String requestId,
                         byte[] payload, String clientContext) {
        try (ConcurrencyLimits.Permit permit = limits.acquire(scope, function.functionName())) {
            return run(scope, function, invokedArn, requestId, payload, clientContext);
        }
    }

    private Result run(Scope scope, FunctionConfiguration function, String invokedArn, String requestId,
                       byte[] payload, String clientContext) {
        EnvironmentPool.Lease lease = pool.acquire(scope, function);
        ExecutionEnvironment env = lease.environment();
        Duration timeout = Duration.ofSeconds(function.timeout());
        Invocation invocation = new Invocation(requestId, payload, clientContext, invokedArn, timeout);
        env.assign(invocation);
        RuntimeResponse response;
        boolean timedOut = false;
        try {
            response = await(invocation, timeout.compareTo(INIT_TIMEOUT) > 0 ? timeout : INIT_TIMEOUT);
        } catch (TimeoutException e) {
            timedOut = true;
            response = RuntimeResponse.platformError("Sandbox.Timedout", "RequestId: " + requestId
                    + " Error: Task timed out after " + String.format(Locale.ROOT, "%.2f", (double) function.timeout()) + " seconds");
        }
        env.collectOutput(invocation);
        boolean delivered = invocation.delivered().isDone();
        if (timedOut || !delivered || "Runtime.ExitError".equals(response.errorType())) {
            pool.discard(env);
        } else {
            pool.release(env);
        }
        long durationNanos = delivered ? System.nanoTime() - invocation.deliveredNanos() : 0;
        List<String> log = log(function, env, lease.cold(), invocation, durationNanos, timedOut, response);
        logs.append(scope, FunctionLogs.groupName(function.functionName()), env.logStreamName(), log);
        return new Result(response.payload(), response.isError() ? "Unhandled" : null, function.version(), log);
    }

    /** Waits for init (up to initTimeout), then for the handler (up to the function's timeout). */
    private static RuntimeResponse await(Invocation invocation, Duration initTimeout) throws TimeoutException {
        try {
            CompletableFuture.anyOf(invocation.delivered(), invocation.response())
                    .get(initTimeout.toMillis(), TimeUnit.MILLISECONDS);
            if (invocation.response().isDone()) {
                return invocation.response().join();
            }
            long elapsed = System.nanoTime() - invocation.deliveredNanos();
            long remaining = invocation.timeout().toNanos() - elapsed;
            return invocation.response().get(Math.max(0, remaining), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TimeoutException("interrupted");
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    private static List<String> log(FunctionConfiguration function, ExecutionEnvironment env, boolean cold,
                                    Invocation invocation, long durationNanos, boolean timedOut, RuntimeResponse response) {
        String id = invocation.requestId();
        List<String> lines = new ArrayList<>();
        lines.add("START RequestId: " + id + " Version: " + function.version());
        lines.addAll(invocation.logLines());
        if (timedOut) {
            lines.add(java.time.Instant.now() + " " + id + " Task timed out after "
                    + String.format(Locale.ROOT, "%.2f", (double) function.timeout()) + " seconds");
        } else if ("Runtime.ExitError".equals(response.errorType())) {
            lines.add("RequestId: " + id + " Error: Runtime exited");
        }
        lines.add("END RequestId: " + id);
        double durationMs = durationNanos / 1e6;
        StringBuilder report = new StringBuilder("REPORT RequestId: ").append(id)
                .append("\tDuration: ").append(String.format(Locale.ROOT, "%.2f", durationMs)).append(" ms")
                .append("\tBilled Duration: ").append((long) Math.ceil(Math.max(1, durationMs))).append(" ms")
                .append("\tMemory Size: ").append(function.memorySize()).append(" MB")
                .append("\tMax Memory Used: ").append(env.maxMemoryUsedMb()).append(" MB");
        if (cold && env.initialised().isDone() && !env.initialised().isCompletedExceptionally()) {
            report.append("\tInit Duration: ").append(String.format(Locale.ROOT, "%.2f", env.initNanos() / 1e6)).append(" ms");
        }
        lines.add(report.append('\t').toString());
        return lines;
    }
}
