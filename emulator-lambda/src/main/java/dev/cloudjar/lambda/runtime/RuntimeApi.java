package dev.cloudjar.lambda.runtime;

import dev.cloudjar.core.http.Headers;
import dev.cloudjar.core.http.Request;
import dev.cloudjar.core.http.Response;
import dev.cloudjar.core.http.ResponseBody;
import dev.cloudjar.core.spi.RawRoute;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * Cloudjar's implementation of the Lambda Runtime API (2018-06-01), served on the server's port
 * under {@code /lambda-runtime/<environment id>}: {@code GET invocation/next} (a long poll that
 * holds no worker), {@code POST invocation/<id>/response}, {@code POST invocation/<id>/error}
 * and {@code POST init/error}, with Lambda's {@code Lambda-Runtime-*} headers.
 */
public final class RuntimeApi {
    public static final String PREFIX = "/lambda-runtime/";
    private static final String VERSION = "/2018-06-01/runtime/";
    private static final String ERROR_TYPE = "Lambda-Runtime-Function-Error-Type";

    private final EnvironmentPool pool;

    public RuntimeApi(EnvironmentPool pool) {
        this.pool = pool;
    }

    public RawRoute route() {
        return new RawRoute("Lambda Runtime API", r -> r.rawPath().startsWith(PREFIX), this::handle);
    }

    private Response handle(Request request) {
        String rest = request.rawPath().substring(PREFIX.length());
        int slash = rest.indexOf('/');
        ExecutionEnvironment env = slash < 0 ? null : pool.find(rest.substring(0, slash));
        if (env == null || !rest.startsWith(VERSION, slash)) {
            return error(404, "ResourceNotFound", "No execution environment at " + request.rawPath());
        }
        String path = rest.substring(slash + VERSION.length());
        boolean post = "POST".equals(request.method());
        if (path.equals("invocation/next") && "GET".equals(request.method())) {
            return next(env);
        }
        if (path.equals("init/error") && post) {
            env.initError(new RuntimeResponse(request.body().bytes(), errorType(request, "Runtime.Unknown")));
            return accepted();
        }
        if (path.startsWith("invocation/") && post) {
            String[] parts = path.split("/");
            if (parts.length == 3 && (parts[2].equals("response") || parts[2].equals("error"))) {
                RuntimeResponse response = parts[2].equals("response")
                        ? RuntimeResponse.success(request.body().bytes())
                        : new RuntimeResponse(request.body().bytes(), errorType(request, "Unhandled"));
                return env.respond(parts[1], response) ? accepted()
                        : error(400, "InvalidRequestID", "Invalid request ID");
            }
        }
        return error(404, "ResourceNotFound", "No such Runtime API resource: " + request.method() + " " + path);
    }

    private static String errorType(Request request, String fallback) {
        String type = request.header(ERROR_TYPE);
        return type == null || type.isBlank() ? fallback : type;
    }

    private Response next(ExecutionEnvironment env) {
        CompletableFuture<Invocation> next = env.next();
        return next.isDone() ? invocation(env, next.join()) : Response.later(next.thenApply(i -> invocation(env, i)));
    }

    private static Response invocation(ExecutionEnvironment env, Invocation invocation) {
        Headers headers = new Headers()
                .set("Content-Type", "application/json")
                .set("Lambda-Runtime-Aws-Request-Id", invocation.requestId())
                .set("Lambda-Runtime-Deadline-Ms", Long.toString(invocation.delivered().join()))
                .set("Lambda-Runtime-Invoked-Function-Arn", invocation.invokedFunctionArn())
                .set("Lambda-Runtime-Trace-Id", "Root=1-" + Long.toHexString(System.currentTimeMillis() / 1000)
                        + "-" + invocation.requestId().replace("-", "").substring(0, 24) + ";Sampled=0");
        if (invocation.clientContext() != null) {
            headers.set("Lambda-Runtime-Client-Context", invocation.clientContext());
        }
        return new Response(200, headers, ResponseBody.of(invocation.payload()));
    }

    private static Response accepted() {
        return Response.of(202, "application/json", "{\"status\":\"OK\"}".getBytes(StandardCharsets.UTF_8));
    }

    private static Response error(int status, String type, String message) {
        String json = "{\"errorType\":\"" + type + "\",\"errorMessage\":\"" + message.replace("\"", "'") + "\"}";
        return Response.of(status, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }
}
