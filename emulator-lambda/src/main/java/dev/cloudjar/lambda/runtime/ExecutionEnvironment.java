package dev.cloudjar.lambda.runtime;

import dev.cloudjar.lambda.function.FunctionConfiguration;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
    private OutputReader output;
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

    void started(Process process, Consumer<String> initLog) {
        this.process = process;
        this.output = new OutputReader(process.getInputStream(), line -> {
            Invocation invocation = deliveredInvocation();
            if (invocation != null) {
                invocation.log(line);
            } else {
                initLog.accept(line);
            }
        }, "lambda-env-" + id);
        output.start();
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

    private synchronized Invocation deliveredInvocation() {
        return currentDelivered ? current : null;
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
        output.drain();
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
        output.drain();
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
        output.drain();
        initialised.completeExceptionally(new IllegalStateException("runtime exited with status " + status));
        if (inFlight != null) {
            inFlight.response().complete(RuntimeResponse.platformError("Runtime.ExitError",
                    "RequestId: " + inFlight.requestId() + " Error: Runtime exited with error: exit status " + status));
        }
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

    /** Reads the process's merged stdout and stderr line by line on its own thread. */
    static final class OutputReader extends Thread {
        private static final int DRAIN_WAIT_MS = 200;
        private final InputStream in;
        private final Consumer<String> lines;
        private final StringBuilder partial = new StringBuilder();
        private volatile boolean busy;

        OutputReader(InputStream in, Consumer<String> lines, String name) {
            super(name);
            setDaemon(true);
            this.in = in;
            this.lines = lines;
        }

        @Override
        public void run() {
            byte[] buffer = new byte[8192];
            try {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    busy = true;
                    accept(new String(buffer, 0, n, StandardCharsets.UTF_8));
                    busy = false;
                }
            } catch (IOException e) {
                // the process is gone
            } finally {
                busy = false;
                flushPartial();
            }
        }

        private synchronized void accept(String text) {
            partial.append(text);
            int newline;
            while ((newline = partial.indexOf("\n")) >= 0) {
                lines.accept(partial.substring(0, newline));
                partial.delete(0, newline + 1);
            }
        }

        private synchronized void flushPartial() {
            if (partial.length() > 0) {
                lines.accept(partial.toString());
                partial.setLength(0);
            }
        }

        /**
         * Waits (briefly) until what the runtime wrote before answering has been taken, so that
         * an invocation's log holds its own output: runtimes flush before they post a result,
         * and the reader wakes as soon as those bytes are in the pipe. (The stream's available()
         * would block behind the reader's pending read, so progress is judged by the reader.)
         */
        void drain() {
            long deadline = System.nanoTime() + DRAIN_WAIT_MS * 1_000_000L;
            int idleLooks = 0;
            while (idleLooks < 3 && System.nanoTime() < deadline) {
                idleLooks = busy ? 0 : idleLooks + 1;
                Thread.yield();
            }
        }
    }
}
