package dev.cloudjar.core.protocol.json;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cloudjar.core.error.AwsException;
import dev.cloudjar.core.protocol.OperationRoute;
import dev.cloudjar.core.http.Headers;
import dev.cloudjar.core.http.Request;
import dev.cloudjar.core.http.RequestBody;
import dev.cloudjar.core.http.Response;
import dev.cloudjar.core.http.ResponseBody;
import dev.cloudjar.core.model.OperationModel;
import dev.cloudjar.core.model.ServiceModel;
import dev.cloudjar.core.protocol.Validator;
import dev.cloudjar.core.spi.Input;
import dev.cloudjar.core.spi.Output;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RestJsonCodecTest {
    private static final String MODEL = """
            {"smithy": "2.0", "shapes": {
              "ex#Archive": {"type": "service", "version": "1",
                "operations": [{"target": "ex#UploadArchive"}, {"target": "ex#DownloadArchive"}],
                "traits": {"aws.protocols#restJson1": {}}},
              "ex#UploadArchive": {"type": "operation", "input": {"target": "ex#UploadArchiveInput"},
                "traits": {"smithy.api#http": {"method": "PUT", "uri": "/vaults/{VaultName}/archives/{Key+}", "code": 201}}},
              "ex#DownloadArchive": {"type": "operation", "output": {"target": "ex#DownloadArchiveOutput"},
                "traits": {"smithy.api#http": {"method": "GET", "uri": "/download"}}},
              "ex#UploadArchiveInput": {"type": "structure", "members": {
                "VaultName": {"target": "ex#VaultName", "traits": {"smithy.api#required": {}, "smithy.api#httpLabel": {}}},
                "Key": {"target": "smithy.api#String", "traits": {"smithy.api#required": {}, "smithy.api#httpLabel": {}}},
                "Body": {"target": "ex#Stream", "traits": {"smithy.api#httpPayload": {}}}}},
              "ex#DownloadArchiveOutput": {"type": "structure", "members": {
                "Body": {"target": "ex#Stream", "traits": {"smithy.api#httpPayload": {}}}}},
              "ex#VaultName": {"type": "string", "traits": {"smithy.api#length": {"min": 3}}},
              "ex#Stream": {"type": "blob", "traits": {"smithy.api#streaming": {}}}
            }}""";

    private final ServiceModel model = ServiceModel.load(new ByteArrayInputStream(MODEL.getBytes(StandardCharsets.UTF_8)));
    private final RestJsonCodec codec = new RestJsonCodec(new Validator());

    @Test
    void streamingPayloadReachesTheHandlerUnread() {
        RequestBody body = RequestBody.ofStream(new ByteArrayInputStream(new byte[]{1, 2, 3}), 3);
        Request request = new Request("PUT", "/vaults/photos/archives/2024/a%20b.jpg", new Headers(), body);

        OperationRoute route = codec.route(model, request);
        OperationModel operation = route.operation();
        Input input = codec.parse(model, route, request);

        assertEquals("UploadArchive", operation.name());
        assertEquals("photos", input.string("VaultName"));
        assertEquals("2024/a b.jpg", input.string("Key"));
        assertSame(body, input.stream("Body"));
    }

    @Test
    void streamingOutputIsSentAsGiven() {
        ResponseBody.Stream stream = new ResponseBody.Stream(new ByteArrayInputStream(new byte[]{9}), 1);
        Response response = codec.write(model, model.operation("DownloadArchive"), Output.of("Body", stream), "rid");

        assertEquals(200, response.status());
        assertSame(stream, response.body());
        assertEquals("application/octet-stream", response.headers().first("Content-Type"));
    }

    @Test
    void unknownRouteIsUnknownOperationException() {
        AwsException e = assertThrows(AwsException.class,
                () -> codec.route(model, new Request("DELETE", "/vaults", new Headers(), RequestBody.EMPTY)));
        Response response = codec.writeError(model, null, e, "rid");

        assertEquals(404, response.status());
        assertEquals("UnknownOperationException", response.headers().first("X-Amzn-Errortype"));
    }

    @Test
    void validationErrorsNameTheMemberAndTravelInTheErrorTypeHeader() throws IOException {
        Request request = new Request("PUT", "/vaults/ab/archives/k", new Headers(), RequestBody.EMPTY);
        AwsException e = assertThrows(AwsException.class,
                () -> codec.parse(model, codec.route(model, request), request));
        Response response = codec.writeError(model, model.operation("UploadArchive"), e, "rid");

        assertEquals(400, response.status());
        assertEquals("ValidationException", response.headers().first("X-Amzn-Errortype"));
        assertEquals("1 validation error detected: Value 'ab' at 'vaultName' failed to satisfy constraint: "
                        + "Member must have length greater than or equal to 3",
                new ObjectMapper().readTree(((ResponseBody.Bytes) response.body()).bytes()).get("message").asText());
    }
}
