package dev.cloudjar.lambda.invoke;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.cloudjar.core.error.AwsException;
import dev.cloudjar.core.spi.Input;
import dev.cloudjar.core.spi.Output;
import dev.cloudjar.core.spi.RecordJson;
import dev.cloudjar.core.spi.RequestContext;
import dev.cloudjar.core.spi.Scope;
import dev.cloudjar.lambda.LambdaErrors;
import dev.cloudjar.lambda.LambdaStore;
import dev.cloudjar.lambda.function.FunctionConfiguration;
import dev.cloudjar.lambda.function.FunctionRef;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Invoke: RequestResponse (waits, 200), Event (queued, 202) and DryRun (checks only, 204). */
public final class InvokeOperations {
    /** Lambda's payload limits: 6 MB for synchronous invocations, 256 KB for asynchronous ones. */
    static final int SYNC_LIMIT = 6 * 1024 * 1024;
    static final int ASYNC_LIMIT = 256 * 1024;
    private static final int JSON_EXCERPT = 500;

    private final LambdaStore store;
    private final Invoker invoker;
    private final AsyncInvoker async;

    public InvokeOperations(LambdaStore store, Invoker invoker, AsyncInvoker async) {
        this.store = store;
        this.invoker = invoker;
        this.async = async;
    }

    public Output invoke(RequestContext context, Input input) {
        Scope scope = context.scope();
        FunctionRef ref = FunctionRef.parse(input.string("FunctionName"), input.string("Qualifier"), scope);
        FunctionConfiguration function = store.route(scope, ref);
        String type = input.has("InvocationType") ? input.string("InvocationType") : "RequestResponse";
        byte[] payload = input.has("Payload") ? input.blob("Payload") : "{}".getBytes(StandardCharsets.UTF_8);
        requireJson(payload);
        switch (type) {
            case "DryRun" -> {
                return Output.of("StatusCode", 204);
            }
            case "Event" -> {
                if (payload.length > ASYNC_LIMIT) {
                    throw LambdaErrors.requestEntityTooLarge(payload.length + " byte payload is too large for the Event "
                            + "invocation type (limit " + ASYNC_LIMIT + " bytes)");
                }
                async.submit(scope, ref, function, payload);
                return Output.of("StatusCode", 202);
            }
            default -> {
                if (payload.length > SYNC_LIMIT) {
                    throw LambdaErrors.requestEntityTooLarge(
                            "Request must be smaller than " + SYNC_LIMIT + " bytes for the InvokeFunction operation");
                }
                Invoker.Result result = invoker.invoke(scope, function, ref.arn(scope), context.requestId(), payload,
                        clientContext(input.string("ClientContext")));
                return Output.of("StatusCode", 200)
                        .put("FunctionError", result.functionError())
                        .put("LogResult", "Tail".equals(input.string("LogType")) ? result.logTail() : null)
                        .put("ExecutedVersion", result.executedVersion())
                        .put("Payload", result.payload());
            }
        }
    }

    /** Lambda (a Java service) reports Jackson's own description of where the payload stops being JSON. */
    private static void requireJson(byte[] payload) {
        try {
            RecordJson.mapper().readTree(payload);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : "\n at [Source: (byte[])" + excerpt(payload) + "; line: "
                    + at.getLineNr() + ", column: " + at.getColumnNr() + "]";
            throw new AwsException("InvalidRequestContentException", 400, "Could not parse request body into json: "
                    + "Could not parse payload into json: " + e.getOriginalMessage() + where).with("Type", "User");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The payload quoted as Jackson quotes its source: the first 500 bytes, then how many it left out. */
    private static String excerpt(byte[] payload) {
        String quoted = '"' + new String(payload, 0, Math.min(payload.length, JSON_EXCERPT), StandardCharsets.UTF_8) + '"';
        return payload.length > JSON_EXCERPT ? quoted + "[truncated " + (payload.length - JSON_EXCERPT) + " bytes]" : quoted;
    }

    /** X-Amz-Client-Context is base64 JSON; runtimes receive the JSON. */
    private static String clientContext(String header) {
        if (header == null) {
            return null;
        }
        try {
            return new String(Base64.getDecoder().decode(header), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw LambdaErrors.invalidParameter("Client context must be a valid Base64-encoded JSON object.");
        }
    }
}
