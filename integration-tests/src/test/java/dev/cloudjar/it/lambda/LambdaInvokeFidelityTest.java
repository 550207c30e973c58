package dev.cloudjar.it.lambda;

import dev.cloudjar.it.fixtures.Clients;
import dev.cloudjar.junit5.Cloudjar;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvalidRequestContentException;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LambdaException;
import software.amazon.awssdk.services.lambda.model.LogType;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Invoke's answers checked against Lambda's: statuses, headers and the errors of a bad request. */
@Cloudjar
class LambdaInvokeFidelityTest {
    private static final String ROLE = "arn:aws:iam::000000000000:role/lambda-role";

    private static void create(LambdaClient lambda, String name, String body) {
        lambda.createFunction(b -> b.functionName(name).runtime("nodejs20.x").handler("index.handler").role(ROLE)
                .code(c -> c.zipFile(FunctionPackages.file("index.js", "exports.handler = async (event) => {" + body + "};\n"))));
    }

    @Test
    void anUnknownFunctionIsNotFoundWithItsArn(URI endpoint) {
        try (LambdaClient lambda = Clients.lambda(endpoint)) {
            ResourceNotFoundException e = assertThrows(ResourceNotFoundException.class,
                    () -> lambda.invoke(b -> b.functionName("nobody")));
            assertEquals(404, e.statusCode());
            assertEquals("Function not found: arn:aws:lambda:us-east-1:000000000000:function:nobody",
                    e.awsErrorDetails().errorMessage());
            assertEquals("User", e.type());
        }
    }

    @Test
    void oversizedPayloadsFailWithRequestEntityTooLarge(URI endpoint) {
        try (LambdaClient lambda = Clients.lambda(endpoint)) {
            create(lambda, "big", "return 1;");
            String sync = "\"" + "x".repeat(6 * 1024 * 1024) + "\"";
            LambdaException tooLarge = assertThrows(LambdaException.class,
                    () -> lambda.invoke(b -> b.functionName("big").payload(SdkBytes.fromUtf8String(sync))));
            assertEquals(413, tooLarge.statusCode());
            assertEquals("RequestEntityTooLargeException", tooLarge.awsErrorDetails().errorCode());
            assertEquals("Request must be smaller than 6291456 bytes for the InvokeFunction operation",
                    tooLarge.awsErrorDetails().errorMessage());

            String async = "\"" + "x".repeat(256 * 1024) + "\"";
            LambdaException eventTooLarge = assertThrows(LambdaException.class, () -> lambda.invoke(b -> b.functionName("big")
                    .invocationType(InvocationType.EVENT).payload(SdkBytes.fromUtf8String(async))));
            assertEquals(413, eventTooLarge.statusCode());
            assertEquals("RequestEntityTooLargeException", eventTooLarge.awsErrorDetails().errorCode());
            assertEquals((256 * 1024 + 2) + " byte payload is too large for the Event invocation type (limit 262144 bytes)",
                    eventTooLarge.awsErrorDetails().errorMessage());
        }
    }

    @Test
    void aPayloadThatIsNotJsonIsInvalidRequestContent(URI endpoint) {
        try (LambdaClient lambda = Clients.lambda(endpoint)) {
            create(lambda, "json", "return 1;");
            for (InvocationType type : new InvocationType[] {InvocationType.REQUEST_RESPONSE, InvocationType.EVENT,
                    InvocationType.DRY_RUN}) {
                InvalidRequestContentException e = assertThrows(InvalidRequestContentException.class,
                        () -> lambda.invoke(b -> b.functionName("json").invocationType(type)
                                .payload(SdkBytes.fromUtf8String("{not json"))));
                assertEquals(400, e.statusCode());
                assertEquals("InvalidRequestContentException", e.awsErrorDetails().errorCode());
                assertTrue(e.awsErrorDetails().errorMessage().startsWith(
                        "Could not parse request body into json: Could not parse payload into json: "),
                        e.awsErrorDetails().errorMessage());
                assertEquals("User", e.type());
            }
        }
    }

    @Test
    void dryRunAnswers204WithoutRunningAndEventAnswers202(URI endpoint) {
        try (LambdaClient lambda = Clients.lambda(endpoint)) {
            create(lambda, "kinds", "return 1;");
            InvokeResponse dryRun = lambda.invoke(b -> b.functionName("kinds").invocationType(InvocationType.DRY_RUN));
            assertEquals(204, dryRun.statusCode());
            assertNull(dryRun.executedVersion());
            assertEquals(202, lambda.invoke(b -> b.functionName("kinds").invocationType(InvocationType.EVENT)).statusCode());
        }
    }

    @Test
    void invokeAnswersWithTheCallersTraceHeaderAndOtherOperationsWithNone(URI endpoint) {
        String trace = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1";
        try (LambdaClient lambda = Clients.lambda(endpoint)) {
            create(lambda, "traced", "return 1;");
            InvokeResponse invoked = lambda.invoke(b -> b.functionName("traced").invocationType(InvocationType.DRY_RUN)
                    .overrideConfiguration(o -> o.putHeader("X-Amzn-Trace-Id", trace)));
            assertEquals(trace, invoked.sdkHttpResponse().firstMatchingHeader("X-Amzn-Trace-Id").orElse(null));
            assertTrue(lambda.getFunction(b -> b.functionName("traced").overrideConfiguration(
                    o -> o.putHeader("X-Amzn-Trace-Id", trace))).sdkHttpResponse()
                    .firstMatchingHeader("X-Amzn-Trace-Id").isEmpty());
        }
    }

    @Test
    void aSynchronousInvokeNamesTheExecutedVersionAndTailsTheLogOnlyWhenAsked(URI endpoint) {
        try (LambdaClient lambda = Clients.lambda(endpoint)) {
            create(lambda, "tail", "console.log('hello from tail'); return 1;");
            lambda.publishVersion(b -> b.functionName("tail"));
            lambda.createAlias(b -> b.functionName("tail").name("live").functionVersion("1"));

            InvokeResponse plain = lambda.invoke(b -> b.functionName("tail"));
            assertEquals("$LATEST", plain.executedVersion());
            assertNull(plain.logResult());
            assertNull(plain.functionError());

            InvokeResponse tailed = lambda.invoke(b -> b.functionName("tail:live").logType(LogType.TAIL));
            assertEquals("1", tailed.executedVersion());
            String log = new String(Base64.getDecoder().decode(tailed.logResult()), StandardCharsets.UTF_8);
            assertTrue(log.contains("hello from tail") && log.contains("REPORT RequestId:"), log);
        }
    }

    @Test
    void anErrorThrownByTheHandlerIsAnUnhandledFunctionErrorWithStatus200(URI endpoint) {
        try (LambdaClient lambda = Clients.lambda(endpoint)) {
            create(lambda, "throws", "throw new TypeError('boom');");
            InvokeResponse response = lambda.invoke(b -> b.functionName("throws"));
            assertEquals(200, response.statusCode());
            assertEquals("Unhandled", response.functionError());
            String payload = response.payload().asUtf8String();
            assertTrue(payload.contains("\"errorType\":\"TypeError\"") && payload.contains("\"errorMessage\":\"boom\""), payload);
        }
    }
}
