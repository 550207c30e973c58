package dev.cloudjar.apigateway;

import dev.cloudjar.core.http.Headers;
import dev.cloudjar.core.http.Request;
import dev.cloudjar.core.http.RequestBody;
import dev.cloudjar.core.model.Protocol;
import dev.cloudjar.core.model.ServiceModel;
import dev.cloudjar.core.protocol.Validator;
import dev.cloudjar.core.protocol.json.RestJsonCodec;
import dev.cloudjar.core.spi.Input;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ApiGatewayModelTest {
    private final ServiceModel model =
            ServiceModel.loadResource(getClass().getClassLoader(), "dev/cloudjar/apigateway/apigateway.json");
    private final RestJsonCodec codec = new RestJsonCodec(new Validator());

    @Test
    void theModelIsARestJsonServiceSignedAsApigateway() {
        assertEquals(Protocol.REST_JSON_1, model.protocol());
        assertEquals("apigateway", model.signingName());
        assertEquals("2015-07-09", model.version());
        assertEquals(22, model.operations().size());
    }

    /** PutIntegration's integrationHttpMethod travels as "httpMethod" in the body, beside the method's httpMethod label. */
    @Test
    void putIntegrationReadsTheIntegrationsHttpMethodFromTheBody() {
        Request request = new Request("PUT", "/restapis/a1/resources/r1/methods/GET/integration",
                Headers.of("Content-Type", "application/json"),
                RequestBody.of("{\"type\":\"AWS_PROXY\",\"httpMethod\":\"POST\",\"uri\":\"u\"}".getBytes(StandardCharsets.UTF_8)));
        Input input = codec.parse(model, codec.route(model, request), request);
        assertEquals("GET", input.string("httpMethod"));
        assertEquals("POST", input.string("integrationHttpMethod"));
        assertEquals("r1", input.string("resourceId"));
    }
}
