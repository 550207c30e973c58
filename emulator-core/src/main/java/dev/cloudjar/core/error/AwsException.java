package dev.cloudjar.core.error;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one error type of Cloudjar. Service code throws it with AWS's error code, HTTP status and
 * message; each protocol codec renders it in that protocol's error shape. Extra members (S3's
 * BucketName, DynamoDB's CancellationReasons, ...) travel in {@link #members()}; extra response
 * headers in {@link #headers()}.
 */
public class AwsException extends RuntimeException {
    public enum Fault { CLIENT, SERVER }

    private final String code;
    private final int status;
    private final Fault fault;
    private final Map<String, Object> members;
    private final Map<String, String> headers;

    public AwsException(String code, int status, String message) {
        this(code, status, message, null);
    }

    public AwsException(String code, int status, String message, Throwable cause) {
        super(message, cause, false, false);
        this.code = code;
        this.status = status;
        this.fault = status >= 500 ? Fault.SERVER : Fault.CLIENT;
        this.members = new LinkedHashMap<>();
        this.headers = new LinkedHashMap<>();
    }

    public static AwsException client(String code, String message) {
        return new AwsException(code, 400, message);
    }

    public String code() {
        return code;
    }

    public int status() {
        return status;
    }

    public Fault fault() {
        return fault;
    }

    /** Adds an extra member of the error shape (returned in the error body). */
    public AwsException with(String member, Object value) {
        members.put(member, value);
        return this;
    }

    /** Adds a response header sent with the error. */
    public AwsException withHeader(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public Map<String, Object> members() {
        return Collections.unmodifiableMap(members);
    }

    public Map<String, String> headers() {
        return Collections.unmodifiableMap(headers);
    }
}
