package dev.cloudjar.core.protocol.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cloudjar.core.error.AwsException;
import dev.cloudjar.core.http.Headers;
import dev.cloudjar.core.http.Request;
import dev.cloudjar.core.http.Response;
import dev.cloudjar.core.http.ResponseBody;
import dev.cloudjar.core.model.OperationModel;
import dev.cloudjar.core.model.Protocol;
import dev.cloudjar.core.model.ServiceModel;
import dev.cloudjar.core.model.Shape;
import dev.cloudjar.core.protocol.OperationRoute;
import dev.cloudjar.core.protocol.ProtocolCodec;
import dev.cloudjar.core.protocol.RequestBodies;
import dev.cloudjar.core.protocol.Validator;
import dev.cloudjar.core.protocol.tree.TreeEncoding;
import dev.cloudjar.core.protocol.tree.TreeErrors;
import dev.cloudjar.core.protocol.tree.TreeShapeReader;
import dev.cloudjar.core.protocol.tree.TreeShapeWriter;
import dev.cloudjar.core.spi.Input;
import dev.cloudjar.core.spi.Output;

import java.util.Map;

/**
 * awsJson1_0 and awsJson1_1 (DynamoDB, Cognito, SQS, ...): the operation comes from
 * {@code X-Amz-Target: <ServiceShapeName>.<Operation>}, input and output are one JSON object,
 * and an error is {@code {"__type": ..., "message": ...}} with the status of the exception.
 */
public final class AwsJsonCodec implements ProtocolCodec {
    static final String UNKNOWN_OPERATION = "UnknownOperationException";

    private final Protocol protocol;
    private final String contentType;
    private final Validator validator;
    private final ObjectMapper mapper = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private final TreeShapeReader reader = new TreeShapeReader(TreeEncoding.AWS_JSON);
    private final TreeShapeWriter writer = new TreeShapeWriter(TreeEncoding.AWS_JSON, mapper);

    /**
     * What precedes the error name in {@code __type} comes from the model's error conventions
     * where the service departs from the protocol (DynamoDB's {@code com.amazonaws.dynamodb.v20120810#}).
     */
    public AwsJsonCodec(Protocol protocol, Validator validator) {
        if (protocol != Protocol.AWS_JSON_1_0 && protocol != Protocol.AWS_JSON_1_1) {
            throw new IllegalArgumentException("not an awsJson protocol: " + protocol);
        }
        this.protocol = protocol;
        this.contentType = protocol == Protocol.AWS_JSON_1_0 ? "application/x-amz-json-1.0" : "application/x-amz-json-1.1";
        this.validator = validator;
    }

    @Override
    public Protocol protocol() {
        return protocol;
    }

    @Override
    public OperationRoute route(ServiceModel model, Request request) {
        String target = request.header("X-Amz-Target");
        int dot = target == null ? -1 : target.lastIndexOf('.');
        OperationModel operation = dot < 0 || !target.substring(0, dot).equals(model.serviceName())
                ? null : model.operation(target.substring(dot + 1));
        if (operation == null) {
            throw new AwsException(UNKNOWN_OPERATION, 400, null);
        }
        return OperationRoute.of(operation);
    }

    @Override
    public Input parse(ServiceModel model, OperationRoute route, Request request) {
        OperationModel operation = route.operation();
        Map<String, Object> members = reader.structure(operation.input(),
                json(RequestBodies.bytes(request, TreeShapeReader.SERIALIZATION_EXCEPTION)));
        validator.validate(model, operation.input(), members);
        return new Input(members);
    }

    /** The body as JSON; an empty body is an empty object, as the SDKs send for empty inputs. */
    private JsonNode json(byte[] body) {
        if (RequestBodies.isBlank(body)) {
            return mapper.createObjectNode();
        }
        try {
            return mapper.readTree(body);
        } catch (java.io.IOException e) {
            throw new AwsException(TreeShapeReader.SERIALIZATION_EXCEPTION, 400, "Malformed JSON request body");
        }
    }

    @Override
    public Response write(ServiceModel model, OperationModel operation, Output output, String requestId) {
        if (operation.output().id().equals("smithy.api#Unit")) {
            // An operation without output answers with no payload at all, not with {}.
            Response response = response(200, null, requestId);
            return new Response(200, response.headers(), ResponseBody.EMPTY);
        }
        return response(200, writer.structure(operation.output().members().values(), output.members()), requestId);
    }

    @Override
    public Response writeError(ServiceModel model, OperationModel operation, AwsException error, String requestId) {
        Shape shape = TreeErrors.shape(model, operation, error.code());
        ObjectNode body = mapper.createObjectNode();
        body.put("__type", errorType(model, shape, error.code()));
        body.setAll(TreeErrors.body(writer, shape, TreeErrors.members(shape), error));
        Response response = response(error.status(), body, requestId);
        error.headers().forEach(response.headers()::set);
        if (model.service().traits().has("aws.protocols#awsQueryCompatible")) {
            response.headers().set("x-amzn-query-error", TreeErrors.queryError(shape, error));
        }
        return response;
    }

    private String errorType(ServiceModel model, Shape shape, String code) {
        String prefix = model.conventions().jsonErrorTypePrefix();
        if (shape != null) {
            return (prefix != null ? prefix : defaultErrorTypePrefix(shape)) + shape.name();
        }
        String framework = TreeErrors.frameworkNamespace(code);
        return (framework != null ? framework : prefix != null ? prefix : "") + code;
    }

    /** awsJson1_0 services (DynamoDB, SQS) name the error with its namespace; awsJson1_1 ones (Cognito) do not. */
    private String defaultErrorTypePrefix(Shape shape) {
        return protocol == Protocol.AWS_JSON_1_0 ? shape.id().substring(0, shape.id().indexOf('#') + 1) : "";
    }

    private Response response(int status, ObjectNode body, String requestId) {
        Headers headers = new Headers();
        headers.set("Content-Type", contentType);
        headers.set("x-amzn-RequestId", requestId);
        try {
            return new Response(status, headers, ResponseBody.of(mapper.writeValueAsBytes(body)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }
}
