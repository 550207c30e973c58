package dev.cloudjar.core.protocol.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cloudjar.core.error.AwsException;
import dev.cloudjar.core.protocol.OperationRoute;
import dev.cloudjar.core.http.Headers;
import dev.cloudjar.core.http.Request;
import dev.cloudjar.core.http.RequestBody;
import dev.cloudjar.core.http.Response;
import dev.cloudjar.core.http.ResponseBody;
import dev.cloudjar.core.model.OperationModel;
import dev.cloudjar.core.model.Protocol;
import dev.cloudjar.core.model.Shape;
import dev.cloudjar.core.protocol.ProtocolCodec;
import dev.cloudjar.core.spi.Input;
import dev.cloudjar.core.spi.Output;
import software.amazon.smithy.model.node.Node;
import software.amazon.smithy.protocoltests.traits.HttpMalformedRequestDefinition;
import software.amazon.smithy.protocoltests.traits.HttpMalformedResponseDefinition;
import software.amazon.smithy.protocoltests.traits.HttpRequestTestCase;
import software.amazon.smithy.protocoltests.traits.HttpResponseTestCase;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Runs one {@link ConformanceCase} against a codec; a failed expectation throws {@link AssertionError}. */
final class ConformanceRunner {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REQUEST_ID = "cloudjar-conformance";

    private final ProtocolCodec codec;

    ConformanceRunner(ProtocolCodec codec) {
        this.codec = codec;
    }

    void run(ConformanceCase c) {
        if (c instanceof ConformanceCase.RequestCase r) {
            request(r);
        } else if (c instanceof ConformanceCase.ResponseCase r) {
            response(r);
        } else if (c instanceof ConformanceCase.ErrorCase e) {
            error(e);
        } else if (c instanceof ConformanceCase.MalformedCase m) {
            malformed(m);
        }
    }

    private void request(ConformanceCase.RequestCase c) {
        HttpRequestTestCase test = c.test();
        Request request = request(test.getMethod(), test.getUri(), test.getQueryParams(), test.getHeaders(),
                body(test.getBody().orElse(""), test.getBodyMediaType(), test.getHeaders()));
        addTarget(c, request);
        addHost(test, request);
        OperationRoute route = codec.route(c.model(), request);
        OperationModel operation = route.operation();
        check(operation.name().equals(c.operation().name()),
                "operation: expected " + c.operation().name() + " but was " + operation.name());
        Input input = codec.parse(c.model(), route, request);
        Map<String, Object> expected = Params.structure(operation.input(), json(test.getParams()));
        String difference = Equivalence.valueDifference(expected, input.members(), "input");
        check(difference == null, difference);
    }

    /**
     * Several awsJson cases leave out X-Amz-Target because they were written for clients (which
     * always send it); the operation is known from the case, so the request gets the header it
     * would carry.
     */
    private static void addTarget(ConformanceCase c, Request request) {
        Protocol protocol = c.model().protocol();
        if ((protocol == Protocol.AWS_JSON_1_0 || protocol == Protocol.AWS_JSON_1_1)
                && !request.headers().contains("X-Amz-Target")) {
            request.headers().set("X-Amz-Target", c.model().serviceName() + "." + c.operation().name());
        }
    }

    /**
     * The host the client sent the request to, when the case names it: S3's virtual-hosted cases
     * carry the bucket there (resolvedHost "mybucket.s3.us-west-2.amazonaws.com", path "/key").
     */
    private static void addHost(HttpRequestTestCase test, Request request) {
        test.getResolvedHost().ifPresent(host -> request.headers().set("Host", host));
    }

    private void response(ConformanceCase.ResponseCase c) {
        Output output = new Output();
        Params.structure(c.operation().output(), json(c.test().getParams())).forEach(output::put);
        checkResponse(c.test(), codec.write(c.model(), c.operation(), output, REQUEST_ID));
    }

    private void error(ConformanceCase.ErrorCase c) {
        Map<String, Object> params = Params.structure(c.error(), json(c.test().getParams()));
        String messageMember = messageMember(c.error());
        Object message = messageMember == null ? null : params.remove(messageMember);
        AwsException error = new AwsException(c.error().name(), errorStatus(c.error()),
                message == null ? null : message.toString());
        params.forEach(error::with);
        checkResponse(c.test(), codec.writeError(c.model(), c.operation(), error, REQUEST_ID));
    }

    private void malformed(ConformanceCase.MalformedCase c) {
        HttpMalformedRequestDefinition definition = c.test().getRequest();
        Request request = request(definition.getMethod(), definition.expectUri(), definition.getQueryParams(),
                definition.getHeaders(), body(definition.getBody().orElse(""), definition.getBodyMediaType(),
                        definition.getHeaders()));
        OperationModel operation = null;
        Response response;
        try {
            OperationRoute route = codec.route(c.model(), request);
            operation = route.operation();
            Input input = codec.parse(c.model(), route, request);
            throw new AssertionError("expected the request to be rejected but it parsed to " + input);
        } catch (AwsException e) {
            response = codec.writeError(c.model(), operation, e, REQUEST_ID);
        }
        HttpMalformedResponseDefinition expected = c.test().getResponse();
        check(response.status() == expected.getCode(),
                "status: expected " + expected.getCode() + " but was " + response.status());
        checkHeaders(expected.getHeaders(), response.headers());
    }

    private static void checkResponse(HttpResponseTestCase test, Response response) {
        check(response.status() == test.getCode(),
                "status: expected " + test.getCode() + " but was " + response.status());
        checkHeaders(test.getHeaders(), response.headers());
        for (String name : test.getRequireHeaders()) {
            check(response.headers().contains(name), "header " + name + " is required");
        }
        for (String name : test.getForbidHeaders()) {
            check(!response.headers().contains(name), "header " + name + " is forbidden");
        }
        test.getBody().ifPresent(body -> {
            String difference = Equivalence.bodyDifference(test.getBodyMediaType().orElse(null), body,
                    bytes(response.body()));
            check(difference == null, difference);
        });
    }

    private static void checkHeaders(Map<String, String> expected, Headers actual) {
        expected.forEach((name, value) -> {
            String got = actual.contains(name) ? String.join(", ", actual.all(name)) : null;
            check(got != null && normalized(value).equals(normalized(got)),
                    "header " + name + ": expected " + value + " but was " + got);
        });
    }

    /** Header lists compare item by item, whatever the spacing after commas. */
    private static List<String> normalized(String headerValue) {
        return Arrays.stream(headerValue.split(",")).map(String::strip).toList();
    }

    /**
     * A case's body as bytes: binary media types (CBOR) are written in base64 in the case. Some
     * cases give the type only as the request's Content-Type (NoInputServerAllowsEmptyCbor).
     */
    private static byte[] body(String body, Optional<String> bodyMediaType, Map<String, String> headers) {
        String mediaType = bodyMediaType.orElseGet(() -> headers.entrySet().stream()
                .filter(h -> h.getKey().equalsIgnoreCase("Content-Type")).map(Map.Entry::getValue)
                .findFirst().orElse(null));
        return Equivalence.isBinary(mediaType) ? Base64.getDecoder().decode(body) : body.getBytes(StandardCharsets.UTF_8);
    }

    private static Request request(String method, String uri, List<String> queryParams,
                                   Map<String, String> headers, byte[] body) {
        String target = queryParams.isEmpty() ? uri
                : uri + (uri.contains("?") ? "&" : "?") + String.join("&", queryParams);
        Headers requestHeaders = new Headers();
        headers.forEach(requestHeaders::add);
        return new Request(method, target, requestHeaders, RequestBody.of(body));
    }

    private static String messageMember(Shape error) {
        return error.members().keySet().stream().filter(n -> n.equalsIgnoreCase("message")).findFirst().orElse(null);
    }

    private static int errorStatus(Shape error) {
        String httpError = error.traits().string("httpError");
        if (httpError != null) {
            return Integer.parseInt(httpError);
        }
        return "server".equals(error.traits().string("error")) ? 500 : 400;
    }

    private static JsonNode json(Node node) {
        try {
            return JSON.readTree(Node.printJson(node));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] bytes(ResponseBody body) {
        try {
            if (body instanceof ResponseBody.Bytes b) {
                return b.bytes();
            }
            if (body instanceof ResponseBody.Stream s) {
                return readAll(s.stream());
            }
            ResponseBody.FileRegion f = (ResponseBody.FileRegion) body;
            try (FileChannel channel = FileChannel.open(f.file())) {
                ByteBuffer buffer = ByteBuffer.allocate((int) f.length());
                channel.read(buffer, f.offset());
                return buffer.array();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }

    private static void check(boolean condition, String failure) {
        if (!condition) {
            throw new AssertionError(failure);
        }
    }
}
