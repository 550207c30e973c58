package dev.cloudjar.core.protocol.tree;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import dev.cloudjar.core.error.AwsException;
import dev.cloudjar.core.protocol.OperationRoute;
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
import dev.cloudjar.core.protocol.Codecs;
import dev.cloudjar.core.protocol.HttpBinding;
import dev.cloudjar.core.protocol.ProtocolCodec;
import dev.cloudjar.core.protocol.conformance.ConformanceCase;
import dev.cloudjar.core.protocol.conformance.SmithyProtocolTests;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.math.BigInteger;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Feeds generated hostile requests (random members, wrong types, broken JSON or CBOR, bad labels,
 * headers and query values) to the codecs that walk shapes over a document tree (awsJson,
 * restJson1, rpcv2Cbor) over the Smithy protocol-test models: each must parse or be rejected with
 * a 4xx AwsException that renders as the protocol's error, never escape as any other exception.
 * Seeded, so a failure names a reproducible request.
 */
class TreeCodecRobustnessTest {
    private static final int REQUESTS = 1_000;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper CBOR = new CBORMapper();

    private final Codecs codecs = Codecs.standard();

    @ParameterizedTest
    @EnumSource(value = Protocol.class, names = {"AWS_JSON_1_0", "AWS_JSON_1_1", "REST_JSON_1", "RPC_V2_CBOR"})
    void everyMalformedRequestParsesOrIsRejectedWithAClientError(Protocol protocol) throws IOException {
        ProtocolCodec codec = codecs.forProtocol(protocol);
        List<ServiceModel> models = SmithyProtocolTests.load().cases(protocol).stream()
                .map(ConformanceCase::model).distinct().toList();
        Random random = new Random(20_260_127L + protocol.ordinal());
        int rejected = 0;
        for (int i = 0; i < REQUESTS; i++) {
            ServiceModel model = models.get(random.nextInt(models.size()));
            List<OperationModel> operations = new ArrayList<>(model.operations().values());
            OperationModel target = operations.get(random.nextInt(operations.size()));
            Request request = switch (protocol) {
                case REST_JSON_1 -> restRequest(target, random);
                case RPC_V2_CBOR -> cborRequest(model, target, random);
                default -> rpcRequest(model, target, random);
            };
            rejected += outcome(protocol, codec, model, request, "request " + i + " " + request) ? 0 : 1;
        }
        System.out.printf("%s: %d of %d generated requests rejected%n", protocol, rejected, REQUESTS);
    }

    /** True when the request parsed; false when it was rejected as it should be. */
    private static boolean outcome(Protocol protocol, ProtocolCodec codec, ServiceModel model, Request request,
                                   String description) throws IOException {
        OperationModel operation = null;
        try {
            OperationRoute route = codec.route(model, request);
            operation = route.operation();
            codec.parse(model, route, request);
            return true;
        } catch (AwsException e) {
            assertTrue(e.status() >= 400 && e.status() < 500, description + ": " + e.code() + " " + e.status());
            assertErrorShape(protocol, codec.writeError(model, operation, e, "rid"), e, description);
            return false;
        } catch (RuntimeException e) {
            fail(description + " escaped as " + e, e);
            return false;
        }
    }

    private static void assertErrorShape(Protocol protocol, Response response, AwsException e, String description)
            throws IOException {
        assertEquals(e.status(), response.status(), description);
        JsonNode body = (protocol == Protocol.RPC_V2_CBOR ? CBOR : JSON)
                .readTree(((ResponseBody.Bytes) response.body()).bytes());
        assertTrue(body.isObject(), description);
        if (protocol == Protocol.REST_JSON_1) {
            assertEquals(e.code(), response.headers().first("X-Amzn-Errortype"), description);
        } else {
            assertTrue(body.path("__type").asText().endsWith(e.code()), description + ": " + body);
        }
        assertNotNull(response.headers().first("x-amzn-RequestId"), description);
    }

    private static Request rpcRequest(ServiceModel model, OperationModel operation, Random random) {
        String target = random.nextInt(20) == 0 ? model.serviceName() + ".NoSuchOperation"
                : model.serviceName() + "." + operation.name();
        return new Request("POST", "/", Headers.of("X-Amz-Target", target), RequestBody.of(body(operation, random)));
    }

    /** Now and then a GET, a foreign X-Amz-Target or an unknown operation; the body is CBOR, or broken. */
    private static Request cborRequest(ServiceModel model, OperationModel operation, Random random) {
        String name = random.nextInt(20) == 0 ? "NoSuchOperation" : operation.name();
        Headers headers = Headers.of("smithy-protocol", "rpc-v2-cbor", "Content-Type", "application/cbor");
        if (random.nextInt(30) == 0) {
            headers.set("X-Amz-Target", model.serviceName() + "." + name);
        }
        return new Request(random.nextInt(30) == 0 ? "GET" : "POST",
                "/service/" + model.serviceName() + "/operation/" + name, headers, RequestBody.of(cborBody(operation, random)));
    }

    /** The operation's URI with random label values and random values for its query and header members. */
    private static Request restRequest(OperationModel operation, Random random) {
        Headers headers = new Headers();
        List<String> query = new ArrayList<>();
        String uri = operation.httpUri();
        for (Member member : operation.input().members().values()) {
            String text = randomText(random);
            switch (HttpBinding.of(member)) {
                case LABEL -> uri = uri.replace("{" + member.name() + "}", encode(text))
                        .replace("{" + member.name() + "+}", encode(text) + "/" + encode(randomText(random)));
                case QUERY -> query.add(member.traits().string("httpQuery") + "=" + encode(text));
                case HEADER -> headers.add(member.traits().string("httpHeader"), text);
                default -> {
                }
            }
        }
        if (!query.isEmpty()) {
            uri += (uri.contains("?") ? "&" : "?") + String.join("&", query);
        }
        return new Request(random.nextInt(30) == 0 ? "PATCH" : operation.httpMethod(), uri, headers,
                RequestBody.of(body(operation, random)));
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** A JSON body for the input shape, mutated; or broken JSON, JSON of the wrong kind, or noise. */
    private static byte[] body(OperationModel operation, Random random) {
        String json = value(operation.input(), random, 0, false).toString();
        return switch (random.nextInt(8)) {
            case 0 -> json.substring(0, random.nextInt(json.length() + 1)).getBytes(StandardCharsets.UTF_8);
            case 1 -> List.of("[]", "42", "\"text\"", "null", "{\"a\":}", "{}{}").get(random.nextInt(6))
                    .getBytes(StandardCharsets.UTF_8);
            case 2 -> noise(random);
            default -> json.getBytes(StandardCharsets.UTF_8);
        };
    }

    /**
     * A CBOR body for the input shape, mutated; or cut short, of the wrong kind, or noise. An empty
     * body is a valid one (an input with no member set).
     */
    private static byte[] cborBody(OperationModel operation, Random random) {
        try {
            byte[] cbor = CBOR.writeValueAsBytes(value(operation.input(), random, 0, true));
            return switch (random.nextInt(8)) {
                case 0 -> Arrays.copyOf(cbor, random.nextInt(cbor.length + 1));
                case 1 -> CBOR.writeValueAsBytes(wrongKind(random));
                case 2 -> noise(random);
                default -> cbor;
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A value for the shape, of the right kind three times in four.
     *
     * @param cbor true when blobs are byte strings, false when base64 text
     */
    private static JsonNode value(Shape shape, Random random, int depth, boolean cbor) {
        if (random.nextInt(4) == 0 || depth > 4) {
            return wrongKind(random);
        }
        return switch (shape.type()) {
            case STRING, ENUM -> NODES.textNode(randomText(random));
            case BLOB -> cbor ? NODES.binaryNode(randomText(random).getBytes(StandardCharsets.UTF_8))
                    : NODES.textNode(random.nextBoolean() ? "YmxvYg==" : randomText(random));
            case BOOLEAN -> NODES.booleanNode(random.nextBoolean());
            case BYTE, SHORT, INTEGER, INT_ENUM, LONG, BIG_INTEGER -> NODES.numberNode(random.nextLong());
            case FLOAT, DOUBLE, BIG_DECIMAL, TIMESTAMP -> NODES.numberNode(random.nextDouble() * 1e10);
            case LIST, SET -> {
                ArrayNode list = NODES.arrayNode();
                for (int i = random.nextInt(3); i > 0; i--) {
                    list.add(value(shape.listMember().target(), random, depth + 1, cbor));
                }
                yield list;
            }
            case MAP -> {
                ObjectNode map = NODES.objectNode();
                for (int i = random.nextInt(3); i > 0; i--) {
                    map.set(randomText(random), value(shape.mapValue().target(), random, depth + 1, cbor));
                }
                yield map;
            }
            case STRUCTURE, UNION -> {
                ObjectNode object = NODES.objectNode();
                for (Member member : shape.members().values()) {
                    if (random.nextBoolean()) {
                        object.set(member.name(), value(member.target(), random, depth + 1, cbor));
                    }
                }
                if (random.nextInt(5) == 0) {
                    object.set(randomText(random), wrongKind(random));
                }
                yield object;
            }
            default -> wrongKind(random);
        };
    }

    private static JsonNode wrongKind(Random random) {
        return switch (random.nextInt(8)) {
            case 0 -> NODES.textNode(randomText(random));
            case 1 -> NODES.numberNode(random.nextDouble());
            case 2 -> NODES.booleanNode(true);
            case 3 -> NODES.arrayNode().add(1).add("x");
            case 4 -> NODES.objectNode().put("x", 1);
            case 5 -> NODES.nullNode();
            case 6 -> NODES.binaryNode(new byte[] {0, -1});
            default -> NODES.numberNode(new BigInteger("123456789012345678901234567890"));
        };
    }

    private static String randomText(Random random) {
        String[] samples = {"", "a", "abc", "-1", "1e400", "NaN", "true", "1985-04-12T23:20:50Z", "%zz", "é😀",
                "Mon, 16 Dec 2019 23:48:18 GMT", "a,b,\"c", "9999999999999999999999"};
        return samples[random.nextInt(samples.length)];
    }

    private static byte[] noise(Random random) {
        byte[] bytes = new byte[random.nextInt(64)];
        random.nextBytes(bytes);
        return bytes;
    }
}
