package dev.cloudjar.core.model;

import java.util.List;

/** An operation of a service model: its name, input and output structures, errors and HTTP binding. */
public final class OperationModel {
    private final String name;
    private final Shape shape;
    private final Shape input;
    private final Shape output;
    private final List<Shape> errors;

    OperationModel(String name, Shape shape, Shape input, Shape output, List<Shape> errors) {
        this.name = name;
        this.shape = shape;
        this.input = input;
        this.output = output;
        this.errors = List.copyOf(errors);
    }

    /** The operation's name as in X-Amz-Target, Action and the handler table, e.g. "PutItem". */
    public String name() {
        return name;
    }

    public Shape shape() {
        return shape;
    }

    public Traits traits() {
        return shape.traits();
    }

    /** The input structure (an empty structure for smithy.api#Unit). */
    public Shape input() {
        return input;
    }

    /** The output structure (an empty structure for smithy.api#Unit). */
    public Shape output() {
        return output;
    }

    public List<Shape> errors() {
        return errors;
    }

    /** The http trait's method, or "POST" when the operation has none (RPC protocols). */
    public String httpMethod() {
        String method = traits().string("http", "method");
        return method == null ? "POST" : method;
    }

    /** The http trait's URI pattern, e.g. "/{Bucket}/{Key+}?x-id=GetObject", or "/". */
    public String httpUri() {
        String uri = traits().string("http", "uri");
        return uri == null ? "/" : uri;
    }

    /** The http trait's success code (200 unless the model says otherwise). */
    public int httpCode() {
        String code = traits().string("http", "code");
        return code == null ? 200 : Integer.parseInt(code);
    }

    @Override
    public String toString() {
        return name;
    }
}
