package dev.cloudjar.core.protocol.cbor;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import com.fasterxml.jackson.dataformat.cbor.CBORParser;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import dev.cloudjar.core.error.AwsException;
import dev.cloudjar.core.http.Headers;
import dev.cloudjar.core.http.Request;
import dev.cloudjar.core.http.RequestBody;
import dev.cloudjar.core.http.Response;
import dev.cloudjar.core.http.ResponseBody;
import dev.cloudjar.core.model.ServiceModel;
import dev.cloudjar.core.protocol.OperationRoute;
import dev.cloudjar.core.protocol.Validator;
import dev.cloudjar.core.spi.Input;
import dev.cloudjar.core.spi.Output;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the Smithy protocol tests leave out: CloudWatch's shapes of request (gzip, tag-1 timestamps
 * with a double's binary tail), routing refusals, hostile bodies, and errors of a query-compatible
 * service.
 */
class RpcV2CborCodecTest {
    private static final String MODEL = """
            {"smithy": "2.0", "shapes": {
              "com.amazonaws.cloudwatch#GraniteServiceVersion20100801": {"type": "service", "version": "2010-08-01",
                "operations": [{"target": "com.amazonaws.cloudwatch#PutMetricData"},
                               {"target": "com.amazonaws.cloudwatch#GetMetricData"},
                               {"target": "com.amazonaws.cloudwatch#GetMetricWidgetImage"}],
                "traits": {"smithy.protocols#rpcv2Cbor": {}, "aws.protocols#awsQueryCompatible": {}}},
              "com.amazonaws.cloudwatch#PutMetricData": {"type": "operation",
                "input": {"target": "com.amazonaws.cloudwatch#PutMetricDataInput"},
                "output": {"target": "smithy.api#Unit"},
                "errors": [{"target": "com.amazonaws.cloudwatch#InvalidParameterValueException"}]},
              "com.amazonaws.cloudwatch#PutMetricDataInput": {"type": "structure", "members": {
                "Namespace": {"target": "smithy.api#String", "traits": {"smithy.api#required": {}}},
                "MetricData": {"target": "com.amazonaws.cloudwatch#MetricData"}}},
              "com.amazonaws.cloudwatch#MetricData": {"type": "list",
                "member": {"target": "com.amazonaws.cloudwatch#MetricDatum"}},
              "com.amazonaws.cloudwatch#MetricDatum": {"type": "structure", "members": {
                "MetricName": {"target": "smithy.api#String"},
                "Timestamp": {"target": "smithy.api#Timestamp"},
                "Value": {"target": "smithy.api#Double"},
                "StorageResolution": {"target": "smithy.api#Integer"}}},
              "com.amazonaws.cloudwatch#GetMetricData": {"type": "operation",
                "input": {"target": "com.amazonaws.cloudwatch#GetMetricDataInput"},
                "output": {"target": "com.amazonaws.cloudwatch#GetMetricDataOutput"}},
              "com.amazonaws.cloudwatch#GetMetricDataInput": {"type": "structure", "members": {
                "StartTime": {"target": "smithy.api#Timestamp",
                  "traits": {"smithy.api#timestampFormat": "date-time"}}}},
              "com.amazonaws.cloudwatch#GetMetricDataOutput": {"type": "structure", "members": {
                "Timestamps": {"target": "com.amazonaws.cloudwatch#Timestamps"}}},
              "com.amazonaws.cloudwatch#Timestamps": {"type": "list",
                "member": {"target": "smithy.api#Timestamp"}},
              "com.amazonaws.cloudwatch#GetMetricWidgetImage": {"type": "operation",
                "input": {"target": "smithy.api#Unit"},
                "output": {"target": "com.amazonaws.cloudwatch#GetMetricWidgetImageOutput"}},
              "com.amazonaws.cloudwatch#GetMetricWidgetImageOutput": {"type": "structure", "members": {
                "MetricWidgetImage": {"target": "smithy.api#Blob"}}},
              "com.amazonaws.cloudwatch#InvalidParameterValueException": {"type": "structure",
                "members": {"Message": {"target": "smithy.api#String"}},
                "traits": {"smithy.api#error": "client",
                  "aws.protocols#awsQueryError": {"code": "InvalidParameterValue", "httpResponseCode": 400}}}
            }}""";
    private static final String PATH = "/service/GraniteServiceVersion20100801/operation/";
    private static final CBORMapper CBOR = new CBORMapper();

    private final ServiceModel model = ServiceModel.load(new ByteArrayInputStream(MODEL.getBytes(StandardCharsets.UTF_8)));
    private final RpcV2CborCodec codec = new RpcV2CborCodec(new Validator());

    private static Request request(String method, String path, byte[] body, String... headers) {
        Headers h = Headers.of(headers);
        h.set("smithy-protocol", "rpc-v2-cbor");
        h.set("Content-Type", "application/cbor");
        return new Request(method, path, h, RequestBody.of(body));
    }

    private static Request request(String operation, byte[] body, String... headers) {
        return request("POST", PATH + operation, body, headers);
    }

    private Input parse(Request request) {
        return codec.parse(model, codec.route(model, request), request);
    }

    private static byte[] bytes(Response response) {
        return ((ResponseBody.Bytes) response.body()).bytes();
    }

    private static JsonNode cbor(Response response) throws IOException {
        return CBOR.readTree(bytes(response));
    }

    /** What CloudWatch's SDKs send for PutMetricData: an indefinite-length map, a tag-1 double timestamp, gzipped. */
    private static byte[] putMetricData(double epochSeconds) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CBORGenerator g = CBOR.getFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("Namespace", "App");
            g.writeFieldName("MetricData");
            g.writeStartArray();
            g.writeStartObject();
            g.writeStringField("MetricName", "Latency");
            g.writeFieldName("Timestamp");
            g.writeTag(1);
            g.writeNumber(epochSeconds);
            g.writeNumberField("Value", 12);
            g.writeNumberField("StorageResolution", 1);
            g.writeEndObject();
            g.writeEndArray();
            g.writeEndObject();
        }
        return out.toByteArray();
    }

    private static byte[] gzip(byte[] body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(body);
        }
        return out.toByteArray();
    }

    @Test
    void gzippedPutMetricDataIsReadWithItsTimestampToTheMillisecond() throws IOException {
        Input input = parse(request("PutMetricData", gzip(putMetricData(1_700_000_000.123)),
                "Content-Encoding", "gzip"));

        assertEquals("App", input.string("Namespace"));
        @SuppressWarnings("unchecked")
        Map<String, Object> datum = ((List<Map<String, Object>>) input.members().get("MetricData")).get(0);
        // 1700000000.123 as a double is 1700000000.1229999; the protocol's resolution is the millisecond.
        assertEquals(Instant.ofEpochSecond(1_700_000_000L, 123_000_000), datum.get("Timestamp"));
        assertEquals(12.0, datum.get("Value"), "an integer is a valid encoding of a double");
        assertEquals(1, datum.get("StorageResolution"));
    }

    @Test
    void timestampFormatIsIgnoredAsTheProtocolRequires() throws IOException {
        byte[] body = HexFormat.of().parseHex("a169537461727454696d65c11a5f5e1000"); // {"StartTime": 1(1600000000)}

        assertEquals(Instant.ofEpochSecond(1_600_000_000L), parse(request("GetMetricData", body)).members().get("StartTime"));
    }

    @Test
    void timestampsAreWrittenAsTag1EpochSecondsWholeOrFractional() throws IOException {
        Output output = Output.empty().put("Timestamps",
                List.of(Instant.ofEpochSecond(1_600_000_000L), Instant.ofEpochMilli(1_600_000_000_250L)));

        Response response = codec.write(model, model.operation("GetMetricData"), output, "rid");

        List<String> items = new ArrayList<>();
        try (CBORParser parser = CBOR.getFactory().createParser(bytes(response))) {
            for (JsonToken t = parser.nextToken(); t != null; t = parser.nextToken()) {
                if (t.isNumeric()) {
                    items.add(parser.getCurrentTag() + ":" + parser.getNumberType() + ":" + parser.getNumberValue());
                }
            }
        }
        assertEquals(List.of("1:INT:1600000000", "1:DOUBLE:1.60000000025E9"), items);
        assertEquals("application/cbor", response.headers().first("Content-Type"));
        assertEquals("rpc-v2-cbor", response.headers().first("smithy-protocol"));
    }

    @Test
    void blobsAreByteStringsAndAnOperationWithoutInputTakesAnEmptyBody() throws IOException {
        OperationRoute route = codec.route(model, request("GetMetricWidgetImage", new byte[0]));
        assertEquals(Map.of(), codec.parse(model, route, request("GetMetricWidgetImage", new byte[0])).members());

        Response response = codec.write(model, route.operation(), Output.empty().put("MetricWidgetImage", new byte[] {1, 2}),
                "rid");

        JsonNode image = cbor(response).get("MetricWidgetImage");
        assertTrue(image.isBinary(), image.getNodeType().toString());
        assertArrayEquals(new byte[] {1, 2}, image.binaryValue());
    }

    @Test
    void anOperationWithoutOutputAnswersWithNoBodyAndNoContentType() {
        Response response = codec.write(model, model.operation("PutMetricData"), Output.empty(), "rid");

        assertEquals(200, response.status());
        assertEquals(0, bytes(response).length);
        assertNull(response.headers().first("Content-Type"));
        assertEquals("rpc-v2-cbor", response.headers().first("smithy-protocol"));
        assertEquals("rid", response.headers().first("x-amzn-RequestId"));
    }

    @Test
    void thePathMayHaveAPrefixAndNameTheServiceByItsAbsoluteId() {
        assertEquals("GetMetricData", codec.route(model,
                request("POST", "/v1" + PATH + "GetMetricData", new byte[0])).operation().name());
        assertEquals("GetMetricData", codec.route(model, request("POST",
                "/service/com.amazonaws.cloudwatch.GraniteServiceVersion20100801/operation/GetMetricData",
                new byte[0])).operation().name());
    }

    @ParameterizedTest
    @CsvSource({
            "POST, /service/GraniteServiceVersion20100801/operation/NoSuchOperation, , 404",
            "POST, /service/Monitoring/operation/GetMetricData, , 404",
            "POST, /service/GraniteServiceVersion20100801/operation/com.amazonaws.cloudwatch#GetMetricData, , 404",
            "POST, /service/GraniteServiceVersion20100801/GetMetricData, , 404",
            "GET, /service/GraniteServiceVersion20100801/operation/GetMetricData, , 405",
            "POST, /service/GraniteServiceVersion20100801/operation/GetMetricData, X-Amz-Target, 404",
            "POST, /service/GraniteServiceVersion20100801/operation/GetMetricData, X-Amzn-Target, 404"})
    void requestsThatDoNotNameAnOperationTheProtocolsWayAreUnknownOperations(String method, String path,
                                                                               String targetHeader, int status)
            throws IOException {
        Request request = targetHeader == null ? request(method, path, new byte[0])
                : request(method, path, new byte[0], targetHeader, "GraniteServiceVersion20100801.GetMetricData");

        AwsException e = assertThrows(AwsException.class, () -> codec.route(model, request));
        Response response = codec.writeError(model, null, e, "rid");

        assertEquals(status, response.status());
        assertEquals("com.amazon.coral.service#UnknownOperationException", cbor(response).get("__type").asText());
    }

    @Test
    void aRequestWithoutTheSmithyProtocolHeaderIsRefused() {
        Request request = new Request("POST", PATH + "GetMetricData", new Headers(), RequestBody.of(new byte[0]));

        assertEquals(404, assertThrows(AwsException.class, () -> codec.route(model, request)).status());
    }

    /** Bodies for GetMetricData (StartTime: timestamp) and PutMetricData, each broken in one way. */
    @ParameterizedTest
    @CsvSource({
            "GetMetricData, a1, truncated map",
            "GetMetricData, ff, lone break",
            "GetMetricData, a0a0, trailing data item",
            "GetMetricData, 8100, array instead of a map",
            "GetMetricData, a169537461727454696d6564736f6f6e, timestamp as text",
            "GetMetricData, a169537461727454696d65c1fb7ff8000000000000, NaN timestamp",
            "GetMetricData, a169537461727454696d65c1fb7ff0000000000000, infinite timestamp",
            "GetMetricData, a169537461727454696d65c11bffffffffffffffff, timestamp past Instant",
            "PutMetricData, a1694e616d6573706163654141, byte string for a string",
            "PutMetricData, a1694e616d6573706163656261ff, invalid UTF-8",
            "PutMetricData, a1694e616d657370616365f5, boolean for a string",
            "PutMetricData, a16a4d6574726963446174616161, text for a list",
            "PutMetricData, a2694e616d657370616365614e6a4d65747269634461746181f6, null in a dense list",
            "PutMetricData, a2694e616d657370616365614e6a4d65747269634461746181a16556616c75656178, text for a double",
            "PutMetricData, a2694e616d657370616365614e6a4d65747269634461746181a1715374"
                    + "6f726167655265736f6c7574696f6efb3ff8000000000000, float for an integer",
            "PutMetricData, a2694e616d657370616365614e6a4d65747269634461746181a17153746f72"
                    + "6167655265736f6c7574696f6e1b0000000100000000, integer out of range"})
    void brokenBodiesAreSerializationExceptionsInTheProtocolsErrorShape(String operation, String hex, String what)
            throws IOException {
        Request request = request(operation, HexFormat.of().parseHex(hex));

        AwsException e = assertThrows(AwsException.class, () -> parse(request), what);
        Response response = codec.writeError(model, model.operation(operation), e, "rid");

        assertEquals(400, response.status(), what);
        assertEquals("SerializationException", e.code(), what + ": " + e.getMessage());
        assertEquals("com.amazon.coral.service#SerializationException", cbor(response).get("__type").asText(), what);
        assertEquals("application/cbor", response.headers().first("Content-Type"));
    }

    @Test
    void aMissingRequiredMemberIsCoralsValidationException() throws IOException {
        Request request = request("PutMetricData", HexFormat.of().parseHex("a0"));

        AwsException e = assertThrows(AwsException.class, () -> parse(request));
        JsonNode body = cbor(codec.writeError(model, model.operation("PutMetricData"), e, "rid"));

        assertEquals("com.amazon.coral.validate#ValidationException", body.get("__type").asText());
        assertTrue(body.get("message").asText().contains("'namespace' failed to satisfy constraint"), body.toString());
    }

    @Test
    void aModeledErrorOfAQueryCompatibleServiceNamesItsShapeAndItsQueryCode() throws IOException {
        AwsException error = new AwsException("InvalidParameterValueException", 400, "The value 1 is not valid.");

        Response response = codec.writeError(model, model.operation("PutMetricData"), error, "rid");

        JsonNode body = cbor(response);
        assertEquals(400, response.status());
        assertEquals("com.amazonaws.cloudwatch#InvalidParameterValueException", body.get("__type").asText());
        assertEquals("The value 1 is not valid.", body.get("Message").asText());
        assertEquals("InvalidParameterValue;Sender", response.headers().first("x-amzn-query-error"));
        assertEquals("rpc-v2-cbor", response.headers().first("smithy-protocol"));
        assertEquals("application/cbor", response.headers().first("Content-Type"));
    }
}
