package dev.cloudjar.core.protocol.cbor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
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
import dev.cloudjar.core.protocol.tree.TreeErrors;
import dev.cloudjar.core.protocol.tree.TreeShapeReader;
import dev.cloudjar.core.protocol.tree.TreeShapeWriter;
import dev.cloudjar.core.spi.Input;
import dev.cloudjar.core.spi.Output;

import java.io.IOException;
import java.util.Map;

/**
 * Smithy RPC v2 CBOR (smithy.protocols#rpcv2Cbor; CloudWatch's newest SDKs): a request is
 * {@code POST {prefix?}/service/{serviceName}/operation/{operationName}} with
 * {@code smithy-protocol: rpc-v2-cbor}; input, output and errors are one CBOR map of members, with
 * the error's shape id in {@code __type}. Bodies are the same document awsJson sends, so the shape
 * walk is {@link TreeShapeReader}'s and {@link TreeShapeWriter}'s over {@link CborEncoding}.
 *
 * <p>Like the JSON codecs, and unlike a strict Smithy server, this codec does not check the
 * Content-Type and Accept headers: a body that parses is taken.
 */
public final class RpcV2CborCodec implements ProtocolCodec {
    private static final String UNKNOWN_OPERATION = "UnknownOperationException";
    private static final String SMITHY_PROTOCOL = "smithy-protocol";
    private static final String RPC_V2_CBOR = "rpc-v2-cbor";
    private static final String CBOR_TYPE = "application/cbor";
    private static final String UNIT = "smithy.api#Unit";

    private final Validator validator;
    private final CBORMapper mapper = CBORMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private final CborEncoding encoding = new CborEncoding();
    private final TreeShapeReader reader = new TreeShapeReader(encoding);
    private final TreeShapeWriter writer = new TreeShapeWriter(encoding, mapper);

    public RpcV2CborCodec(Validator validator) {
        this.validator = validator;
    }

    /** Whether the request declares the protocol, as every rpcv2Cbor request must ({@code smithy-protocol: rpc-v2-cbor}). */
    public static boolean declares(Request request) {
        return RPC_V2_CBOR.equals(request.header(SMITHY_PROTOCOL));
    }

    @Override
    public Protocol protocol() {
        return Protocol.RPC_V2_CBOR;
    }

    @Override
    public OperationRoute route(ServiceModel model, Request request) {
        if (!"POST".equals(request.method())) {
            throw new AwsException(UNKNOWN_OPERATION, 405, "rpcv2Cbor requests are POST requests");
        }
        if (!declares(request)) {
            throw new AwsException(UNKNOWN_OPERATION, 404, "The request has no smithy-protocol: rpc-v2-cbor header");
        }
        // The protocol forbids them so that no request can be read as another protocol's.
        if (request.header("X-Amz-Target") != null || request.header("X-Amzn-Target") != null) {
            throw new AwsException(UNKNOWN_OPERATION, 404, "rpcv2Cbor requests must not carry X-Amz-Target");
        }
        RpcV2Path path = RpcV2Path.of(request.rawPath());
        OperationModel operation = path == null || !path.names(model) ? null : model.operation(path.operationName());
        if (operation == null) {
            throw new AwsException(UNKNOWN_OPERATION, 404, null);
        }
        return OperationRoute.of(operation);
    }

    @Override
    public Input parse(ServiceModel model, OperationRoute route, Request request) {
        OperationModel operation = route.operation();
        Map<String, Object> members = reader.structure(operation.input(),
                cbor(RequestBodies.bytes(request, TreeShapeReader.SERIALIZATION_EXCEPTION)));
        validator.validate(model, operation.input(), members);
        return new Input(members);
    }

    /** The body as CBOR; an empty body is an empty map, as clients send for operations without input. */
    private JsonNode cbor(byte[] body) {
        if (body.length == 0) {
            return mapper.createObjectNode();
        }
        try {
            return mapper.readTree(body);
        } catch (IOException e) {
            throw new AwsException(TreeShapeReader.SERIALIZATION_EXCEPTION, 400, "Malformed CBOR request body");
        }
    }

    @Override
    public Response write(ServiceModel model, OperationModel operation, Output output, String requestId) {
        if (operation.output().id().equals(UNIT)) {
            // An operation without output answers with no body and so no Content-Type.
            return new Response(200, headers(requestId), ResponseBody.EMPTY);
        }
        return response(200, writer.structure(operation.output().members().values(), output.members()), requestId);
    }

    @Override
    public Response writeError(ServiceModel model, OperationModel operation, AwsException error, String requestId) {
        Shape shape = TreeErrors.shape(model, operation, error.code());
        ObjectNode body = mapper.createObjectNode();
        body.put("__type", shape != null ? shape.id() : frameworkType(error.code()));
        body.setAll(TreeErrors.body(writer, shape, TreeErrors.members(shape), error));
        Response response = response(error.status(), body, requestId);
        error.headers().forEach(response.headers()::set);
        if (model.service().traits().has("aws.protocols#awsQueryCompatible")) {
            response.headers().set("x-amzn-query-error", TreeErrors.queryError(shape, error));
        }
        return response;
    }

    /** An error no model declares is named as the Coral framework names it, e.g. com.amazon.coral.service#SerializationException. */
    private static String frameworkType(String code) {
        String namespace = TreeErrors.frameworkNamespace(code);
        return namespace == null ? code : namespace + code;
    }

    private static Headers headers(String requestId) {
        Headers headers = new Headers();
        headers.set(SMITHY_PROTOCOL, RPC_V2_CBOR);
        headers.set("x-amzn-RequestId", requestId);
        return headers;
    }

    private Response response(int status, ObjectNode body, String requestId) {
        Headers headers = headers(requestId);
        headers.set("Content-Type", CBOR_TYPE);
        try {
            return new Response(status, headers, ResponseBody.of(mapper.writeValueAsBytes(body)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write CBOR", e);
        }
    }
}
