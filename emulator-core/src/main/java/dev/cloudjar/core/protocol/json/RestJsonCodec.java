package dev.cloudjar.core.protocol.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cloudjar.core.error.AwsException;
import dev.cloudjar.core.http.Headers;
import dev.cloudjar.core.http.Request;
import dev.cloudjar.core.http.RequestBody;
import dev.cloudjar.core.http.Response;
import dev.cloudjar.core.http.ResponseBody;
import dev.cloudjar.core.model.Member;
import dev.cloudjar.core.model.OperationModel;
import dev.cloudjar.core.model.Protocol;
import dev.cloudjar.core.model.ServiceModel;
import dev.cloudjar.core.model.Shape;
import dev.cloudjar.core.model.ShapeType;
import dev.cloudjar.core.protocol.HttpBindings;
import dev.cloudjar.core.protocol.HttpRouter;
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

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * restJson1 (Lambda, API Gateway, ...): the operation comes from the http trait's method and URI
 * pattern; members travel in labels, the query string, headers, the status code and a JSON body
 * (or one httpPayload member). Errors name their code in {@code X-Amzn-Errortype} and carry
 * {@code {"message": ...}} and the error's other members in the body.
 */
public final class RestJsonCodec implements ProtocolCodec {
    static final String UNKNOWN_OPERATION = "UnknownOperationException";
    private static final String JSON_TYPE = "application/json";

    private final Validator validator;
    private final ObjectMapper mapper = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private final TreeShapeReader reader = new TreeShapeReader(TreeEncoding.REST_JSON);
    private final TreeShapeWriter writer = new TreeShapeWriter(TreeEncoding.REST_JSON, mapper);
    private final HttpRouter router = new HttpRouter();
    private final HttpBindings bindings = new HttpBindings(
            message -> new AwsException(TreeShapeReader.SERIALIZATION_EXCEPTION, 400, message));

    public RestJsonCodec(Validator validator) {
        this.validator = validator;
    }

    @Override
    public Protocol protocol() {
        return Protocol.REST_JSON_1;
    }

    @Override
    public OperationRoute route(ServiceModel model, Request request) {
        OperationRoute route = router.route(model, request);
        if (route == null) {
            throw new AwsException(UNKNOWN_OPERATION, 404, null);
        }
        return route;
    }

    @Override
    public Input parse(ServiceModel model, OperationRoute route, Request request) {
        Shape input = route.operation().input();
        Map<String, Object> members = bindings.readRequest(input, request, route.labels());
        Member payload = HttpBindings.payloadMember(input);
        if (payload != null) {
            Object value = payload(payload, request);
            if (value != null) {
                members.put(payload.name(), value);
            }
        } else {
            List<Member> bodyMembers = HttpBindings.bodyMembers(input);
            if (!bodyMembers.isEmpty()) {
                members.putAll(reader.members(input, bodyMembers, json(body(request), true)));
            }
        }
        reader.fillDefaults(input, members);
        validator.validate(model, input, members);
        return new Input(members);
    }

    /** An httpPayload member: a stream or bytes, text, or a JSON document; an empty body is no value. */
    private Object payload(Member payload, Request request) {
        Shape target = payload.target();
        if (target.type() == ShapeType.BLOB && target.traits().has("streaming")) {
            return request.body().contentLength() == 0 ? null : request.body();
        }
        byte[] body = body(request);
        if (body.length == 0) {
            return null;
        }
        return switch (target.type()) {
            case BLOB -> body;
            case STRING, ENUM -> new String(body, StandardCharsets.UTF_8);
            default -> {
                // The SDKs send {} when a structure payload is unset, so an empty object is no value.
                JsonNode node = json(body, false);
                yield node.isNull() || node.isObject() && node.isEmpty() && target.type() == ShapeType.STRUCTURE
                        ? null : reader.value(payload, node);
            }
        };
    }

    private static byte[] body(Request request) {
        return RequestBodies.bytes(request, TreeShapeReader.SERIALIZATION_EXCEPTION);
    }

    /** The body as JSON; an empty body is an empty object where the members form one. */
    private JsonNode json(byte[] body, boolean emptyIsObject) {
        if (RequestBodies.isBlank(body)) {
            return emptyIsObject ? mapper.createObjectNode() : mapper.nullNode();
        }
        try {
            return mapper.readTree(body);
        } catch (IOException e) {
            throw new AwsException(TreeShapeReader.SERIALIZATION_EXCEPTION, 400, "Malformed JSON request body");
        }
    }

    @Override
    public Response write(ServiceModel model, OperationModel operation, Output output, String requestId) {
        Shape shape = operation.output();
        Map<String, Object> members = output.members();
        Headers headers = new Headers();
        headers.set("x-amzn-RequestId", requestId);
        bindings.writeHeaders(shape, members, headers);
        int status = HttpBindings.responseCode(shape, members, operation.httpCode());
        Member payload = HttpBindings.payloadMember(shape);
        ResponseBody body;
        if (payload != null) {
            body = payloadBody(payload, members.get(payload.name()), headers);
        } else if (shape.id().equals("smithy.api#Unit")) {
            body = ResponseBody.EMPTY;
        } else {
            headers.set("Content-Type", JSON_TYPE);
            body = ResponseBody.of(bytes(writer.structure(HttpBindings.responseBodyMembers(shape), members)));
        }
        return new Response(status, headers, body);
    }

    private ResponseBody payloadBody(Member payload, Object value, Headers headers) {
        if (value == null) {
            return ResponseBody.EMPTY;
        }
        Shape target = payload.target();
        String mediaType = target.traits().string("mediaType");
        switch (target.type()) {
            case BLOB -> {
                setContentType(headers, mediaType != null ? mediaType : "application/octet-stream");
                return value instanceof ResponseBody stream ? stream
                        : value instanceof RequestBody request ? ResponseBody.of(request.bytes())
                        : ResponseBody.of((byte[]) value);
            }
            case STRING, ENUM -> {
                setContentType(headers, mediaType != null ? mediaType : "text/plain");
                return ResponseBody.of(value.toString());
            }
            default -> {
                setContentType(headers, JSON_TYPE);
                return ResponseBody.of(bytes(writer.value(payload, value)));
            }
        }
    }

    /** A Content-Type the handler bound to a header member wins over the payload's default. */
    private static void setContentType(Headers headers, String contentType) {
        if (!headers.contains("Content-Type")) {
            headers.set("Content-Type", contentType);
        }
    }

    @Override
    public Response writeError(ServiceModel model, OperationModel operation, AwsException error, String requestId) {
        Shape shape = TreeErrors.shape(model, operation, error.code());
        Headers headers = new Headers();
        headers.set("Content-Type", JSON_TYPE);
        headers.set("x-amzn-RequestId", requestId);
        headers.set("X-Amzn-Errortype", shape != null ? shape.name() : error.code());
        error.headers().forEach(headers::set);
        List<Member> bodyMembers = shape == null ? List.of() : HttpBindings.responseBodyMembers(shape);
        if (shape != null) {
            bindings.writeHeaders(shape, error.members(), headers);
        }
        byte[] body = bytes(TreeErrors.body(writer, shape, bodyMembers, error));
        return new Response(error.status(), headers, ResponseBody.of(body));
    }

    private byte[] bytes(JsonNode node) {
        try {
            return mapper.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }
}
