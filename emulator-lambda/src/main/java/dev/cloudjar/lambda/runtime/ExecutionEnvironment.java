package dev.cloudjar.lambda.runtime;

import dev.cloudjar.lambda.function.FunctionConfiguration;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * One execution environment: a process running a runtime that polls Cloudjar's Runtime API. It
 * serves one invocation at a time. Init ends when the runtime first asks for the next
 * invocation; a crash ends the invocation in flight with Runtime.ExitError.
 */
public final class ExecutionEnvironment {
    private final String id;
    private final EnvironmentKey key;
    private final FunctionConfiguration function;
    private final boolean provisioned;
    private final String logStreamName;
    private final long startNanos = System.nanoTime();
    private final CompletableFuture<Void> initialised = new CompletableFuture<>();
    private volatile long initNanos;
    private volatile long idleSinceNanos = System.nanoTime();
    private volatile boolean decommissioned;
    private Process process;
    private ProcessOutput output;
    private Consumer<List<String>> initLog;
    // Guarded by this.
    private CompletableFuture<Invocation> parkedNext;
    private Invocation current;
    private boolean currentDelivered;
    private boolean dead;

    ExecutionEnvironment(String id, EnvironmentKey key, FunctionConfiguration function, boolean provisioned,
                         String logStreamName) {
        this.id = id;
        this.key = key;
        this.function = function;
        this.provisioned = provisioned;
        this.logStreamName = logStreamName;
    }

    /** The process is running, writing to {@code output}; what it writes outside invocations goes to {@code initLog}. */
    void started(Process process, ProcessOutput output, Consumer<List<String>> initLog) {
        this.process = process;
        this.output = output;
        this.initLog = initLog;
    }

    public String id() {
        return id;
    }

    public EnvironmentKey key() {
        return key;
    }

    public FunctionConfiguration function() {
        return function;
    }

    public boolean isProvisioned() {
        return provisioned;
    }

    public String logStreamName() {
        return logStreamName;
    }

    public CompletableFuture<Void> initialised() {
        return initialised;
    }

    /** How long init took (process start to the first request for an invocation), in nanoseconds. */
    public long initNanos() {
        return initNanos;
    }

    long idleSinceNanos() {
        return idleSinceNanos;
    }

    void markIdle() {
        idleSinceNanos = System.nanoTime();
    }

    /** Marks an environment that is going away for good: a provisioned one is not replaced. */
    void decommission() {
        decommissioned = true;
    }

    boolean isDecommissioned() {
        return decommissioned;
    }

    /** Whether init finished without error (a provisioned environment that never did is not replaced). */
    boolean initialisedOk() {
        return initialised.isDone() && !initialised.isCompletedExceptionally();
    }

    public synchronized boolean isDead() {
        return dead;
    }

    /** Hands an invocation to the runtime: now if it is waiting in /next, else on its next /next. */
    public synchronized void assign(Invocation invocation) {
        current = invocation;
        currentDelivered = false;
        if (dead) {
            return;
        }
        if (parkedNext != null) {
            CompletableFuture<Invocation> waiting = parkedNext;
            parkedNext = null;
            deliver(waiting);
        }
    }

    /** The runtime's GET /next: the invocation to run, once there is one. */
    public synchronized CompletableFuture<Invocation> next() {
        if (!initialised.isDone()) {
            initNanos = System.nanoTime() - startNanos;
            initLog.accept(output.take());
            initialised.complete(null);
        }
        CompletableFuture<Invocation> next = new CompletableFuture<>();
        if (current != null && !currentDelivered) {
            deliver(next);
        } else {
            parkedNext = next;
        }
        return next;
    }

    private void deliver(CompletableFuture<Invocation> next) {
        currentDelivered = true;
        current.markDelivered();
        next.complete(current);
    }

    /** The runtime's /response or /error for a request id; false if that invocation is not in flight here. */
    public boolean respond(String requestId, RuntimeResponse response) {
        Invocation done;
        synchronized (this) {
            if (current == null || !currentDelivered || !current.requestId().equals(requestId)) {
                return false;
            }
            done = current;
            current = null;
            currentDelivered = false;
        }
        done.response().complete(response);
        return true;
    }

    /** The runtime's /init/error: the invocation waiting for init fails with it and the environment goes. */
    public void initError(RuntimeResponse response) {
        Invocation waiting;
        synchronized (this) {
            waiting = current;
            current = null;
        }
        initLog.accept(output.take());
        initialised.completeExceptionally(new IllegalStateException("init failed: " + response.errorType()));
        if (waiting != null) {
            waiting.response().complete(response);
        }
        kill();
    }

    /** The process ended: whatever was in flight fails as Lambda reports a crashed runtime. */
    void exited(int status) {
        Invocation inFlight;
        synchronized (this) {
            dead = true;
            inFlight = current;
            current = null;
            parkedNext = null;
        }
        if (inFlight == null) {
            initLog.accept(output.take());
        }
        initialised.completeExceptionally(new IllegalStateException("runtime exited with status " + status));
        if (inFlight != null) {
            inFlight.response().complete(RuntimeResponse.platformError("Runtime.ExitError",
                    "RequestId: " + inFlight.requestId() + " Error: Runtime exited with error: exit status " + status));
        }
    }

    /** Moves what the function wrote so far into the invocation's log (its output ends with its answer). */
    public void collectOutput(Invocation invocation) {
        output.take().forEach(invocation::log);
    }

    /** Stops the process and everything it started. */
    public void kill() {
        synchronized (this) {
            dead = true;
        }
        if (process != null) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        if (output != null) {
            output.delete();
        }
    }

    public CompletableFuture<Process> onExit() {
        return process.onExit();
    }

    /** The peak resident memory of the process in MB (Linux's VmHWM), or 0 where unknown. */
    public long maxMemoryUsedMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or the process is gone
        }
        return 0;
    }
}
