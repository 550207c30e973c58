package dev.cloudjar.core.gateway;

import dev.cloudjar.core.http.Headers;
import dev.cloudjar.core.http.Request;
import dev.cloudjar.core.http.RequestBody;
import dev.cloudjar.core.http.Response;
import dev.cloudjar.core.http.ResponseBody;
import dev.cloudjar.core.model.Protocol;
import dev.cloudjar.core.spi.OperationTable;
import dev.cloudjar.core.spi.Output;
import dev.cloudjar.core.spi.Principal;
import dev.cloudjar.core.spi.ServiceContext;
import dev.cloudjar.core.spi.ServiceDescriptor;
import dev.cloudjar.core.spi.ServicePlugin;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/** Fake services, callers and requests for the gateway's step tests: no server, no real service module. */
final class GatewayFixtures {
    static final String ECHO_TARGET = "Echo_20250101";
    static final Principal ALICE = new Principal("AKIDALICE", "111122223333", "arn:aws:iam::111122223333:user/alice",
            "AIDAALICE", null, null);

    private GatewayFixtures() {
    }

    /** A plugin that only describes itself; its operations are whatever the test registers. */
    record FakePlugin(ServiceDescriptor descriptor) implements ServicePlugin {
        @Override
        public void start(ServiceContext context, OperationTable operations) {
        }
    }

    /** An awsJson 1.0 service (model: echo-service.json) whose Echo answers its Message. */
    static ServiceRuntime echoService() {
        return echoService(new ServiceDescriptor("echo", "echo", Protocol.AWS_JSON_1_0,
                "dev/cloudjar/core/gateway/echo-service.json", ECHO_TARGET, List.of("/echo/"), false));
    }

    static ServiceRuntime echoService(ServiceDescriptor descriptor) {
        OperationTable table = new OperationTable(descriptor.signingName())
                .on("Echo", (context, input) -> Output.of("Message", input.string("Message")))
                .on("Ping", (context, input) -> Output.empty());
        return new ServiceRuntime(new FakePlugin(descriptor), table);
    }

    /** The fallback restXml service in S3's dialect (model: the S3-like test model of the XML codec tests). */
    static ServiceRuntime s3LikeService() {
        ServiceDescriptor descriptor = new ServiceDescriptor("s3", "s3", Protocol.REST_XML,
                "dev/cloudjar/core/protocol/xml/s3-like-service.json", null, List.of(), true);
        OperationTable table = new OperationTable("s3")
                .on("GetObject", (context, input) -> Output.of("Body", ResponseBody.of(input.string("Key"))));
        return new ServiceRuntime(new FakePlugin(descriptor), table);
    }

    /** An authenticator that takes the credential scope's service from X-Test-Signing and signs in Alice. */
    static Authenticator signedAs(Principal principal, String region) {
        return new Authenticator() {
            @Override
            public String signingService(Request request) {
                return request.header("X-Test-Signing");
            }

            @Override
            public Caller authenticate(Request request, Protocol protocol) {
                return new Caller(principal, region);
            }
        };
    }

    static Authenticator unsigned() {
        return signedAs(Principal.anonymous("000000000000"), null);
    }

    static Request echoRequest(String operation, String body, String... headers) {
        Headers h = withHost(Headers.of(headers)).set("X-Amz-Target", ECHO_TARGET + "." + operation)
                .set("Content-Type", "application/x-amz-json-1.0");
        return new Request("POST", "/", h, RequestBody.of(body.getBytes(StandardCharsets.UTF_8)));
    }

    static Request request(String method, String uri, String... headers) {
        return new Request(method, uri, withHost(Headers.of(headers)), RequestBody.EMPTY);
    }

    /** Every client names the host; the gateway answers only loopback names by default. */
    static Headers withHost(Headers headers) {
        return headers.contains("Host") ? headers : headers.set("Host", "127.0.0.1:4566");
    }

    /** An exchange whose body has arrived, as the steps on a worker thread see it. */
    static Exchange arrived(Request request) {
        Exchange exchange = new Exchange(request);
        exchange.bodyArrived(true);
        exchange.requestId("req-1");
        return exchange;
    }

    static String text(Response response) {
        return new String(((ResponseBody.Bytes) response.body()).bytes(), StandardCharsets.UTF_8);
    }

    static Instant now() {
        return Instant.parse("2026-12-07T12:00:00Z");
    }
}
