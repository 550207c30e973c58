package dev.cloudjar.lambda.runtime;

import dev.cloudjar.core.auth.AssumedRoles;
import dev.cloudjar.core.auth.CredentialStore;
import dev.cloudjar.core.spi.Arn;
import dev.cloudjar.core.spi.Principal;
import dev.cloudjar.core.spi.Scope;
import dev.cloudjar.lambda.LambdaErrors;
import dev.cloudjar.lambda.function.CodePackages;
import dev.cloudjar.lambda.function.FunctionConfiguration;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The execution environments of every function: started on demand (cold) or ahead of traffic
 * (provisioned), reused warm one invocation at a time (most recently used first, so a quiet
 * function keeps one process), reclaimed when idle for too long, and all stopped with the server.
 */
public final class EnvironmentPool {
    private static final System.Logger LOG = System.getLogger(EnvironmentPool.class.getName());
    private static final DateTimeFormatter STREAM_DATE = DateTimeFormatter.ofPattern("yyyy/MM/dd");

    /** An environment handed to one invocation; cold when it was started for it. */
    public record Lease(ExecutionEnvironment environment, boolean cold) {
    }

    private final EnvironmentLauncher launcher;
    private final CodePackages code;
    private final FunctionLogs logs;
    private final CredentialStore credentials;
    private final Supplier<String> endpoint;
    private final Duration idleTimeout;
    private final Path outputDir;
    private final Map<String, ExecutionEnvironment> byId = new ConcurrentHashMap<>();
    // Guarded by this.
    private final Map<EnvironmentKey, Deque<ExecutionEnvironment>> idle = new HashMap<>();

    public EnvironmentPool(EnvironmentLauncher launcher, CodePackages code, FunctionLogs logs, CredentialStore credentials,
                           Supplier<String> endpoint, Duration idleTimeout, Path outputDir) {
        this.launcher = launcher;
        this.code = code;
        this.logs = logs;
        this.credentials = credentials;
        this.endpoint = endpoint;
        this.idleTimeout = idleTimeout;
        this.outputDir = outputDir;
    }

    public static EnvironmentKey key(Scope scope, FunctionConfiguration function) {
        return new EnvironmentKey(scope, function.functionName(), function.version(), function.revisionId());
    }

    /** A warm environment for the function version if one is idle, else a new one (a cold start). */
    public Lease acquire(Scope scope, FunctionConfiguration function) {
        EnvironmentKey key = key(scope, function);
        synchronized (this) {
            Deque<ExecutionEnvironment> waiting = idle.get(key);
            while (waiting != null && !waiting.isEmpty()) {
                ExecutionEnvironment env = waiting.pollFirst();
                if (!env.isDead()) {
                    return new Lease(env, false);
                }
            }
        }
        return new Lease(start(key, function, false), true);
    }

    /** Returns an environment after its invocation; a dead one is forgotten. */
    public void release(ExecutionEnvironment env) {
        if (env.isDead()) {
            byId.remove(env.id());
            return;
        }
        env.markIdle();
        synchronized (this) {
            idle.computeIfAbsent(env.key(), k -> new ArrayDeque<>()).addFirst(env);
        }
    }

    /** Kills an environment (after a timeout or a failed init) and forgets it. */
    public void discard(ExecutionEnvironment env) {
        env.kill();
        byId.remove(env.id());
        synchronized (this) {
            Deque<ExecutionEnvironment> waiting = idle.get(env.key());
            if (waiting != null) {
                waiting.remove(env);
            }
        }
    }

    public ExecutionEnvironment find(String id) {
        return byId.get(id);
    }

    /** Starts environments until the version has {@code count} provisioned ones; stops any beyond. */
    public void provision(Scope scope, FunctionConfiguration function, int count) {
        EnvironmentKey key = key(scope, function);
        List<ExecutionEnvironment> existing = byId.values().stream()
                .filter(e -> e.key().equals(key) && e.isProvisioned() && !e.isDead()).toList();
        for (int i = existing.size(); i < count; i++) {
            release(start(key, function, true));
        }
        existing.stream().skip(count).forEach(this::decommission);
    }

    /** The provisioned environments of a version that have finished init. */
    public int provisionedReady(Scope scope, FunctionConfiguration function) {
        EnvironmentKey key = key(scope, function);
        return (int) byId.values().stream().filter(e -> e.key().equals(key) && e.isProvisioned() && !e.isDead()
                && e.initialised().isDone() && !e.initialised().isCompletedExceptionally()).count();
    }

    /** Stops the idle environments that match, e.g. those of a function that changed or went away. */
    public void retire(Predicate<EnvironmentKey> which) {
        List<ExecutionEnvironment> doomed = new ArrayList<>();
        synchronized (this) {
            for (Map.Entry<EnvironmentKey, Deque<ExecutionEnvironment>> e : idle.entrySet()) {
                if (which.test(e.getKey())) {
                    doomed.addAll(e.getValue());
                    e.getValue().clear();
                }
            }
        }
        doomed.forEach(this::decommission);
    }

    private void decommission(ExecutionEnvironment env) {
        env.decommission();
        discard(env);
    }

    /** Stops on-demand environments idle for longer than the idle timeout. */
    public void reclaimIdle() {
        long cutoff = System.nanoTime() - idleTimeout.toNanos();
        List<ExecutionEnvironment> doomed = new ArrayList<>();
        synchronized (this) {
            for (Deque<ExecutionEnvironment> waiting : idle.values()) {
                waiting.removeIf(env -> {
                    boolean expired = !env.isProvisioned() && env.idleSinceNanos() < cutoff;
                    if (expired) {
                        doomed.add(env);
                    }
                    return expired;
                });
            }
        }
        doomed.forEach(this::discard);
    }

    /** Kills every environment; called when the server stops or resets. */
    public void stopAll() {
        synchronized (this) {
            idle.clear();
        }
        List<ExecutionEnvironment> all = new ArrayList<>(byId.values());
        byId.clear();
        all.forEach(env -> {
            env.decommission();
            env.kill();
        });
    }

    private ExecutionEnvironment start(EnvironmentKey key, FunctionConfiguration function, boolean provisioned) {
        String id = UUID.randomUUID().toString().replace("-", "");
        String stream = LocalDate.now(ZoneOffset.UTC).format(STREAM_DATE) + "/[" + function.version() + "]" + id;
        ExecutionEnvironment env = new ExecutionEnvironment(id, key, function, provisioned, stream);
        Path taskRoot = code.taskRoot(function);
        Path opt = code.opt(function.layers());
        ProcessOutput output = new ProcessOutput(outputDir.resolve(id + ".log"));
        Process process;
        try {
            Files.createDirectories(outputDir);
            process = launcher.launch(function, taskRoot, opt, environment(key.scope(), function, taskRoot, opt, env),
                    output.file());
        } catch (IOException e) {
            throw LambdaErrors.invalidRuntime("Cloudjar could not start the " + function.runtime() + " runtime: " + e.getMessage());
        }
        byId.put(id, env);
        String group = FunctionLogs.groupName(function.functionName());
        env.started(process, output, lines -> logs.append(key.scope(), group, stream, lines));
        env.onExit().thenAccept(p -> {
            // The replacement starts before the invocation in flight learns of the crash, so
            // that the next invocation finds it.
            if (provisioned && !env.isDecommissioned() && env.initialisedOk()) {
                replace(key, function);
            }
            env.exited(p.exitValue());
            byId.remove(id);
        });
        LOG.log(System.Logger.Level.DEBUG, "started environment " + id + " for " + function.functionName());
        return env;
    }

    /**
     * Starts a provisioned environment in place of one that died (a crash, a timeout), as Lambda
     * keeps the configured number of provisioned environments.
     */
    private void replace(EnvironmentKey key, FunctionConfiguration function) {
        try {
            release(start(key, function, true));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot replace a provisioned environment of "
                    + function.functionName() + ": " + e.getMessage());
        }
    }

    /** The variables Lambda sets in an execution environment, then the function's own. */
    private Map<String, String> environment(Scope scope, FunctionConfiguration function, Path taskRoot, Path opt,
                                            ExecutionEnvironment env) {
        Map<String, String> vars = new LinkedHashMap<>();
        // Lambda appends /opt/bin to PATH and /opt/lib to LD_LIBRARY_PATH for layers' binaries and libraries.
        vars.put("PATH", System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin")
                + File.pathSeparator + opt.resolve("bin"));
        vars.put("LD_LIBRARY_PATH", taskRoot.resolve("lib") + File.pathSeparator + opt.resolve("lib"));
        // Cloudjar's addition: where /opt is, for code that looks for layer files by path.
        vars.put("CLOUDJAR_OPT", opt.toString());
        vars.put("HOME", System.getProperty("java.io.tmpdir"));
        vars.put("LANG", "en_US.UTF-8");
        vars.put("TZ", ":UTC");
        vars.put("PYTHONUNBUFFERED", "1");
        vars.put("_HANDLER", function.handler() == null ? "" : function.handler());
        vars.put("LAMBDA_TASK_ROOT", taskRoot.toString());
        vars.put("LAMBDA_RUNTIME_DIR", taskRoot.toString());
        vars.put("AWS_EXECUTION_ENV", "AWS_Lambda_" + function.runtime());
        vars.put("AWS_LAMBDA_FUNCTION_NAME", function.functionName());
        vars.put("AWS_LAMBDA_FUNCTION_VERSION", function.version());
        vars.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(function.memorySize()));
        vars.put("AWS_LAMBDA_LOG_GROUP_NAME", FunctionLogs.groupName(function.functionName()));
        vars.put("AWS_LAMBDA_LOG_STREAM_NAME", env.logStreamName());
        vars.put("AWS_LAMBDA_INITIALIZATION_TYPE", env.isProvisioned() ? "provisioned-concurrency" : "on-demand");
        vars.put("AWS_REGION", scope.region());
        vars.put("AWS_DEFAULT_REGION", scope.region());
        // The runtime API lives on the server's own port; the path names the environment, so
        // that clients which build URLs as "http://" + AWS_LAMBDA_RUNTIME_API + "/2018-06-01/..."
        // reach it unchanged.
        String host = endpoint.get().replaceFirst("^https?://", "");
        vars.put("AWS_LAMBDA_RUNTIME_API", host + RuntimeApi.PREFIX + env.id());
        // Cloudjar's addition: SDKs inside the function reach this server rather than AWS.
        vars.put("AWS_ENDPOINT_URL", endpoint.get());
        temporaryCredentials(scope, function, vars);
        vars.putAll(function.environment());
        return vars;
    }

    /** Credentials of the function's role, as Lambda hands each environment, valid on this server. */
    private void temporaryCredentials(Scope scope, FunctionConfiguration function, Map<String, String> vars) {
        String accessKeyId = "ASIA" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toUpperCase();
        String secret = UUID.randomUUID().toString().replace("-", "") + UUID.randomUUID().toString().replace("-", "");
        String token = UUID.randomUUID().toString() + UUID.randomUUID();
        // The session of the execution role, in the role's own account, named after the function as Lambda names it.
        AssumedRoles.Role role = function.role() == null ? null : AssumedRoles.role(function.role());
        String arn = role != null ? role.assumedRoleArn(function.functionName())
                : Arn.global("sts", scope.accountId(), "assumed-role/lambda-role/" + function.functionName()).toString();
        credentials.registerTemporary(accessKeyId, secret, new Principal(accessKeyId, scope.accountId(), arn,
                "AROA" + accessKeyId.substring(4) + ":" + function.functionName(), token,
                Instant.now().plus(Duration.ofHours(12))));
        vars.put("AWS_ACCESS_KEY_ID", accessKeyId);
        vars.put("AWS_SECRET_ACCESS_KEY", secret);
        vars.put("AWS_SESSION_TOKEN", token);
    }
}
