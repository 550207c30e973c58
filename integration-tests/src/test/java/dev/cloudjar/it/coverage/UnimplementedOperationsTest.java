package dev.cloudjar.it.coverage;

import dev.cloudjar.core.model.Protocol;
import dev.cloudjar.core.server.CloudjarServer;
import dev.cloudjar.core.server.ServiceCoverage;
import dev.cloudjar.it.fixtures.RawHttp;
import dev.cloudjar.it.fixtures.Signer;
import dev.cloudjar.junit5.Cloudjar;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every operation of DynamoDB's and SQS's official models that Cloudjar does not implement yet
 * answers the protocol's unknown-operation error (a 4xx a client can report), never a 500 or a
 * 404. The list comes from the running server, so the test follows as handlers are added.
 */
@Cloudjar
class UnimplementedOperationsTest {

    @TestFactory
    Stream<DynamicTest> dynamoDb(CloudjarServer server, URI endpoint) {
        return probes(coverage(server, "dynamodb"), endpoint);
    }

    @TestFactory
    Stream<DynamicTest> sqs(CloudjarServer server, URI endpoint) {
        return probes(coverage(server, "sqs"), endpoint);
    }

    private static ServiceCoverage coverage(CloudjarServer server, String name) {
        return server.services().stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("the server runs no " + name));
    }

    private static Stream<DynamicTest> probes(ServiceCoverage service, URI endpoint) {
        List<DynamicTest> tests = new ArrayList<>();
        tests.add(DynamicTest.dynamicTest("the model declares operations",
                () -> assertFalse(service.modelOperations().isEmpty())));
        for (String operation : service.unimplemented()) {
            tests.add(DynamicTest.dynamicTest(operation + " over " + service.descriptor().protocol(),
                    () -> answersUnknownOperation(service, operation, endpoint)));
            if (service.descriptor().speaks(Protocol.AWS_QUERY) && service.descriptor().protocol() != Protocol.AWS_QUERY) {
                tests.add(DynamicTest.dynamicTest(operation + " over " + Protocol.AWS_QUERY,
                        () -> answersInvalidAction(service, operation, endpoint)));
            }
        }
        return tests.stream();
    }

    private static void answersUnknownOperation(ServiceCoverage service, String operation, URI endpoint)
            throws Exception {
        String contentType = service.descriptor().protocol() == Protocol.AWS_JSON_1_1
                ? "application/x-amz-json-1.1" : "application/x-amz-json-1.0";
        RawHttp.Reply reply = send(endpoint, service, Signer.request(endpoint, SdkHttpMethod.POST, "/")
                .putHeader("Content-Type", contentType)
                .putHeader("X-Amz-Target", service.descriptor().targetPrefix() + "." + operation), "{}");
        assertEquals(400, reply.status(), reply.text());
        assertTrue(reply.text().contains("UnknownOperationException"), reply.text());
    }

    private static void answersInvalidAction(ServiceCoverage service, String operation, URI endpoint)
            throws Exception {
        RawHttp.Reply reply = send(endpoint, service, Signer.request(endpoint, SdkHttpMethod.POST, "/")
                .putHeader("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"),
                "Action=" + operation);
        assertEquals(400, reply.status(), reply.text());
        assertTrue(reply.text().contains("<Code>InvalidAction</Code>"), reply.text());
    }

    private static RawHttp.Reply send(URI endpoint, ServiceCoverage service,
                                      SdkHttpRequest.Builder request, String body)
            throws Exception {
        Signer.Signed signed = Signer.sign(request.build(), body.getBytes(StandardCharsets.UTF_8), "test", "test",
                service.descriptor().signingName());
        try (RawHttp http = new RawHttp(endpoint)) {
            return http.send(signed.wire()).read();
        }
    }
}
