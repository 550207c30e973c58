package dev.cloudjar.lambda.runtime;

import java.nio.charset.StandardCharsets;

/**
 * What a runtime answered for an invocation: its result, or an error document with the error
 * type (posted to /error or /init/error, or made up by Cloudjar for a crash or timeout).
 */
public record RuntimeResponse(byte[] payload, String errorType) {

    public static RuntimeResponse success(byte[] payload) {
        return new RuntimeResponse(payload, null);
    }

    /** An error Lambda itself reports (Runtime.ExitError, Sandbox.Timedout), in its JSON form. */
    public static RuntimeResponse platformError(String errorType, String errorMessage) {
        String json = "{\"errorType\":\"" + errorType + "\",\"errorMessage\":\"" + errorMessage.replace("\\", "\\\\")
                .replace("\"", "\\\"") + "\"}";
        return new RuntimeResponse(json.getBytes(StandardCharsets.UTF_8), errorType);
    }

    public boolean isError() {
        return errorType != null;
    }
}
