package dev.cloudjar.core.gateway;

import dev.cloudjar.core.http.Headers;
import dev.cloudjar.core.http.Request;
import dev.cloudjar.core.http.RequestBody;
import dev.cloudjar.core.model.Protocol;
import dev.cloudjar.core.spi.OperationTable;
import dev.cloudjar.core.spi.ServiceContext;
import dev.cloudjar.core.spi.ServiceDescriptor;
import dev.cloudjar.core.spi.ServicePlugin;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * rpcv2Cbor routing: a request declaring the protocol goes by its
 * {@code /service/{serviceName}/operation/{operationName}} path to the service that speaks it,
 * as its own protocol or beside others (CloudWatch answers awsJson1_0, awsQuery and rpcv2Cbor).
 */
class ServiceRouterTest {
    private static final String RPC_V2_CBOR = "rpc-v2-cbor";

    /** CloudWatch's shape: a service of three protocols (awsJson1_0 its own, as SQS's is). */
    private final ServiceRuntime monitoring = runtime(new ServiceDescriptor("monitoring", "monitoring",
            Protocol.AWS_JSON_1_0, "dev/cloudjar/core/gateway/monitoring.json", "GraniteServiceVersion20100801",
            List.of(), false, List.of(Protocol.AWS_QUERY, Protocol.RPC_V2_CBOR)));
    private final ServiceRuntime widgets = runtime(new ServiceDescriptor("widgets", "widgets",
            Protocol.RPC_V2_CBOR, "dev/cloudjar/core/gateway/widgets.json", null, List.of(), false));
    /** An awsJson service: its model (absent here) must never be needed to route rpcv2Cbor requests. */
    private final ServiceRuntime dynamodb = runtime(new ServiceDescriptor("dynamodb", "dynamodb",
            Protocol.AWS_JSON_1_0, "no/such/model.json", "DynamoDB_20120810", List.of(), false));
    private final ServiceRuntime s3 = runtime(new ServiceDescriptor("s3", "s3", Protocol.REST_XML,
            "no/such/model.json", null, List.of(), true));

    private final ServiceRouter router = new ServiceRouter(List.of(dynamodb, monitoring, widgets, s3),
            new SigningNameFromHeader());

    private static ServiceRuntime runtime(ServiceDescriptor descriptor) {
        return new ServiceRuntime(new ServicePlugin() {
            @Override
            public ServiceDescriptor descriptor() {
                return descriptor;
            }

            @Override
            public void start(ServiceContext context, OperationTable operations) {
            }
        }, new OperationTable("monitoring"));
    }

    /** Reads the credential scope's service from a plain header, so that a test can sign without SigV4. */
    private static final class SigningNameFromHeader implements Authenticator {
        @Override
        public String signingService(Request request) {
            return request.header("test-signing-name");
        }

        @Override
        public Caller authenticate(Request request, Protocol protocol) {
            throw new UnsupportedOperationException();
        }
    }

    private static Request post(String path, String... headers) {
        return new Request("POST", path, Headers.of(headers), RequestBody.EMPTY);
    }

    @Test
    void anUnsignedRequestGoesToTheServiceItsPathNames() {
        Request toWidgets = post("/service/Widgets/operation/ListMetrics", "smithy-protocol", RPC_V2_CBOR);
        Request toMonitoring = post("/service/GraniteServiceVersion20100801/operation/ListMetrics",
                "smithy-protocol", RPC_V2_CBOR);

        assertEquals(widgets, router.route(toWidgets, true));
        assertEquals(Protocol.RPC_V2_CBOR, ServiceRouter.protocol(widgets, toWidgets));
        assertEquals(monitoring, router.route(toMonitoring, true));
        assertEquals(Protocol.RPC_V2_CBOR, ServiceRouter.protocol(monitoring, toMonitoring),
                "the request's protocol, not the service's own awsJson1_0");
    }

    @Test
    void thePathMayHaveAPrefixAndNameTheServiceByItsAbsoluteId() {
        assertEquals(widgets, router.route(post("/v1/service/com.example.widgets.Widgets/operation/ListMetrics",
                "smithy-protocol", RPC_V2_CBOR), true));
    }

    @Test
    void withoutTheHeaderThePathIsAnyOtherPath() {
        assertEquals(s3, router.route(post("/service/Widgets/operation/ListMetrics"), true));
    }

    @Test
    void aServiceNoneSpeaksIsNoService() {
        assertNull(router.route(post("/service/Nope/operation/ListMetrics", "smithy-protocol", RPC_V2_CBOR), true));
        assertNull(router.route(post("/service/DynamoDB_20120810/operation/ListTables", "smithy-protocol", RPC_V2_CBOR), true),
                "DynamoDB does not speak rpcv2Cbor");
        assertFalse(dynamodb.isModelLoaded());
        assertFalse(s3.isModelLoaded());
    }

    @Test
    void aSignedRequestGoesByItsSigningNameAndSpeaksWhatItsHeaderSays() {
        Request cbor = post("/service/GraniteServiceVersion20100801/operation/ListMetrics",
                "smithy-protocol", RPC_V2_CBOR, "test-signing-name", "monitoring");
        Request query = new Request("POST", "/", Headers.of("test-signing-name", "monitoring",
                "Content-Type", "application/x-www-form-urlencoded"), RequestBody.of("Action=ListMetrics".getBytes(StandardCharsets.UTF_8)));

        assertEquals(monitoring, router.route(cbor, true));
        assertEquals(Protocol.RPC_V2_CBOR, ServiceRouter.protocol(monitoring, cbor));
        assertEquals(monitoring, router.route(query, true));
        assertEquals(Protocol.AWS_QUERY, ServiceRouter.protocol(monitoring, query));
    }

    @Test
    void theHeaderDoesNotMakeAServiceSpeakWhatItDoesNot() {
        Request request = post("/", "smithy-protocol", RPC_V2_CBOR, "X-Amz-Target", "DynamoDB_20120810.ListTables");

        assertEquals(dynamodb, router.route(request, true));
        assertEquals(Protocol.AWS_JSON_1_0, ServiceRouter.protocol(dynamodb, request));
    }
}
