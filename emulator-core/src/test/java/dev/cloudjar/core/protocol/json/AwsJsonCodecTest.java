package dev.cloudjar.core.protocol.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cloudjar.core.error.AwsException;
import dev.cloudjar.core.protocol.OperationRoute;
import dev.cloudjar.core.http.Headers;
import dev.cloudjar.core.http.Request;
import dev.cloudjar.core.http.RequestBody;
import dev.cloudjar.core.http.Response;
import dev.cloudjar.core.http.ResponseBody;
import dev.cloudjar.core.model.ErrorConventions;
import dev.cloudjar.core.model.Protocol;
import dev.cloudjar.core.model.ServiceModel;
import dev.cloudjar.core.protocol.Validator;
import dev.cloudjar.core.spi.Input;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AwsJsonCodecTest {
    private static final String MODEL = """
            {"smithy": "2.0", "shapes": {
              "com.amazonaws.dynamodb#DynamoDB_20120810": {"type": "service", "version": "2012-08-10",
                "operations": [{"target": "com.amazonaws.dynamodb#DescribeTable"}],
                "traits": {"aws.protocols#awsJson1_0": {}}},
              "com.amazonaws.dynamodb#DescribeTable": {"type": "operation",
                "input": {"target": "com.amazonaws.dynamodb#DescribeTableInput"},
                "output": {"target": "com.amazonaws.dynamodb#DescribeTableOutput"},
                "errors": [{"target": "com.amazonaws.dynamodb#ResourceNotFoundException"}]},
              "com.amazonaws.dynamodb#DescribeTableInput": {"type": "structure", "members": {
                "TableName": {"target": "smithy.api#String", "traits": {"smithy.api#required": {},
                  "smithy.api#length": {"min": 3}}}}},
              "com.amazonaws.dynamodb#DescribeTableOutput": {"type": "structure", "members": {
                "CreationDateTime": {"target": "smithy.api#Timestamp"},
                "Key": {"target": "smithy.api#Blob"}}},
              "com.amazonaws.dynamodb#ResourceNotFoundException": {"type": "structure",
                "members": {"message": {"target": "smithy.api#String"}},
                "traits": {"smithy.api#error": "client"}}
            }}""";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ServiceModel model = ServiceModel.load(new ByteArrayInputStream(MODEL.getBytes(StandardCharsets.UTF_8)))
            .withConventions(new ErrorConventions("com.amazonaws.dynamodb.v20120810#", null));
    private final AwsJsonCodec codec = new AwsJsonCodec(Protocol.AWS_JSON_1_0, new Validator());

    private static Request request(String target, byte[] body, String... headers) {
        Headers h = Headers.of(headers);
        if (target != null) {
            h.set("X-Amz-Target", target);
        }
        return new Request("POST", "/", h, RequestBody.of(body));
    }

    private static JsonNode json(Response response) throws IOException {
        return JSON.readTree(((ResponseBody.Bytes) response.body()).bytes());
    }

    @Test
    void unknownTargetIsCoralsUnknownOperation() throws IOException {
        AwsException e = assertThrows(AwsException.class,
                () -> codec.route(model, request("DynamoDB_20120810.Nope", new byte[0])));
        Response response = codec.writeError(model, null, e, "rid");

        assertEquals(400, response.status());
        assertEquals("com.amazon.coral.service#UnknownOperationException", json(response).get("__type").asText());
        assertThrows(AwsException.class, () -> codec.route(model, request(null, new byte[0])));
    }

    @Test
    void malformedJsonIsSerializationException() {
        var op = OperationRoute.of(model.operation("DescribeTable"));
        AwsException e = assertThrows(AwsException.class,
                () -> codec.parse(model, op, request("DynamoDB_20120810.DescribeTable", "{\"TableName\":".getBytes())));

        assertEquals("SerializationException", e.code());
        assertEquals(400, e.status());
    }

    /** A gzip bomb: 1 GiB of zeros in about 1 MiB. Inflation stops at the body limit, with the gateway's 413. */
    @Test
    void aGzipBodyThatInflatesPastTheBodyLimitIsRefusedWithoutInflatingIt() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 1024; i++) {
                gzip.write(zeros);
            }
        }
        assertTrue(out.size() < 2 << 20, "compressed to " + out.size());
        Runtime runtime = Runtime.getRuntime();
        long before = runtime.totalMemory() - runtime.freeMemory();

        AwsException e = assertThrows(AwsException.class, () -> codec.parse(model, OperationRoute.of(model.operation("DescribeTable")),
                request("DynamoDB_20120810.DescribeTable", out.toByteArray(), "Content-Encoding", "gzip")));

        assertEquals(413, e.status());
        assertEquals("RequestEntityTooLarge", e.code());
        long grew = runtime.totalMemory() - runtime.freeMemory() - before;
        assertTrue(grew < 256L << 20, "heap grew by " + (grew >> 20) + " MiB");
    }

    @Test
    void gzipBodyIsDecompressed() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write("{\"TableName\":\"Music\"}".getBytes(StandardCharsets.UTF_8));
        }
        Input input = codec.parse(model, OperationRoute.of(model.operation("DescribeTable")),
                request("DynamoDB_20120810.DescribeTable", out.toByteArray(), "Content-Encoding", "gzip"));

        assertEquals("Music", input.string("TableName"));
    }

    @Test
    void validationErrorIsCoralValidationException() throws IOException {
        var op = OperationRoute.of(model.operation("DescribeTable"));
        AwsException e = assertThrows(AwsException.class,
                () -> codec.parse(model, op, request("DynamoDB_20120810.DescribeTable", "{}".getBytes())));
        JsonNode body = json(codec.writeError(model, op.operation(), e, "rid"));

        assertEquals("com.amazon.coral.validate#ValidationException", body.get("__type").asText());
        assertEquals("1 validation error detected: Value null at 'tableName' failed to satisfy constraint: "
                + "Member must not be null", body.get("message").asText());
    }

    @Test
    void modeledErrorUsesTheServicesTypePrefixAndMessageMember() throws IOException {
        Response response = codec.writeError(model, model.operation("DescribeTable"),
                new AwsException("ResourceNotFoundException", 400, "Requested resource not found"), "rid");

        assertEquals("rid", response.headers().first("x-amzn-RequestId"));
        assertEquals("application/x-amz-json-1.0", response.headers().first("Content-Type"));
        assertEquals(JSON.readTree("{\"__type\":\"com.amazonaws.dynamodb.v20120810#ResourceNotFoundException\","
                + "\"message\":\"Requested resource not found\"}"), json(response));
    }

    @Test
    void outputTimestampsAreEpochSecondsAndBlobsBase64() throws IOException {
        var output = new dev.cloudjar.core.spi.Output()
                .put("CreationDateTime", Instant.parse("2020-01-01T00:00:00.5Z"))
                .put("Key", new byte[]{1, 2});
        Response response = codec.write(model, model.operation("DescribeTable"), output, "rid");

        assertEquals("{\"CreationDateTime\":1577836800.5,\"Key\":\"AQI=\"}",
                new String(((ResponseBody.Bytes) response.body()).bytes(), StandardCharsets.UTF_8));
    }
}
