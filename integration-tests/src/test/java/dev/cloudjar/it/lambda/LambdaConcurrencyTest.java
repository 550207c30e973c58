package dev.cloudjar.it.lambda;

import dev.cloudjar.it.fixtures.Clients;
import dev.cloudjar.junit5.Cloudjar;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LogType;
import software.amazon.awssdk.services.lambda.model.ProvisionedConcurrencyStatusEnum;
import software.amazon.awssdk.services.lambda.model.TooManyRequestsException;
import software.amazon.awssdk.services.lambda.model.ThrottleReason;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reserved and provisioned concurrency, and timeouts. */
@Cloudjar
class LambdaConcurrencyTest {
    private static final String ROLE = "arn:aws:iam::000000000000:role/lambda-role";

    private static void create(LambdaClient lambda, String name, int timeout) {
        Handlers node = Handlers.node();
        lambda.createFunction(b -> b.functionName(name).runtime(node.runtime()).handler(node.handler()).role(ROLE)
                .code(c -> c.zipFile(node.code())).timeout(timeout));
    }

    private static InvokeResponse invoke(LambdaClient lambda, String name, String event) {
        return lambda.invoke(b -> b.functionName(name).logType(LogType.TAIL).payload(SdkBytes.fromUtf8String(event)));
    }

    @Test
    void withReservedConcurrencyOneTheSecondOfTwoConcurrentInvokesIsThrottled(URI endpoint) throws Exception {
        try (LambdaClient lambda = Clients.lambda(endpoint)) {
            create(lambda, "reserved-one", 10);
            lambda.putFunctionConcurrency(b -> b.functionName("reserved-one").reservedConcurrentExecutions(1));

            CompletableFuture<InvokeResponse> first = CompletableFuture.supplyAsync(
                    () -> invoke(lambda, "reserved-one", "{\"sleepMs\":2000}"));
            Thread.sleep(500);
            TooManyRequestsException throttled = assertThrows(TooManyRequestsException.class,
                    () -> invoke(lambda, "reserved-one", "{\"sleepMs\":2000}"));

            assertEquals(429, throttled.statusCode());
            assertEquals("TooManyRequestsException", throttled.awsErrorDetails().errorCode());
            assertEquals(ThrottleReason.RESERVED_FUNCTION_CONCURRENT_INVOCATION_LIMIT_EXCEEDED, throttled.reason());
            assertNull(first.get().functionError());
        }
    }

    @Test
    void reservedConcurrencyZeroThrottlesEveryInvoke(URI endpoint) {
        try (LambdaClient lambda = Clients.lambda(endpoint)) {
            create(lambda, "reserved-zero", 3);
            lambda.putFunctionConcurrency(b -> b.functionName("reserved-zero").reservedConcurrentExecutions(0));

            assertThrows(TooManyRequestsException.class, () -> invoke(lambda, "reserved-zero", "{}"));
            assertEquals(0, lambda.getFunctionConcurrency(b -> b.functionName("reserved-zero")).reservedConcurrentExecutions());
        }
    }

    @Test
    void provisionedConcurrencyServesTwoConcurrentInvokesWithoutAColdStart(URI endpoint) throws Exception {
        try (LambdaClient lambda = Clients.lambda(endpoint)) {
            create(lambda, "provisioned", 10);
            String version = lambda.publishVersion(b -> b.functionName("provisioned")).version();
            lambda.createAlias(b -> b.functionName("provisioned").name("live").functionVersion(version));
            lambda.putProvisionedConcurrencyConfig(b -> b.functionName("provisioned").qualifier("live")
                    .provisionedConcurrentExecutions(2));
            while (lambda.getProvisionedConcurrencyConfig(b -> b.functionName("provisioned").qualifier("live")).status()
                    != ProvisionedConcurrencyStatusEnum.READY) {
                Thread.sleep(50);
            }

            List<CompletableFuture<InvokeResponse>> calls = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                calls.add(CompletableFuture.supplyAsync(() -> invoke(lambda, "provisioned:live", "{\"sleepMs\":500}")));
            }
            for (CompletableFuture<InvokeResponse> call : calls) {
                InvokeResponse response = call.join();
                assertNull(response.functionError(), response.payload().asUtf8String());
                assertEquals(version, response.executedVersion());
                assertFalse(LambdaRuntimesTest.log(response).contains("Init Duration"), LambdaRuntimesTest.log(response));
            }
        }
    }

    @Test
    void aProvisionedEnvironmentThatDiesIsReplacedAheadOfTheNextInvoke(URI endpoint) throws Exception {
        try (LambdaClient lambda = Clients.lambda(endpoint)) {
            create(lambda, "provisioned-crash", 10);
            String version = lambda.publishVersion(b -> b.functionName("provisioned-crash")).version();
            lambda.putProvisionedConcurrencyConfig(b -> b.functionName("provisioned-crash").qualifier(version)
                    .provisionedConcurrentExecutions(1));
            awaitProvisionedReady(lambda, "provisioned-crash", version);
            String before = LambdaRuntimesTest.payload(invoke(lambda, "provisioned-crash:" + version, "{}")).get("pid").asText();

            InvokeResponse crashed = invoke(lambda, "provisioned-crash:" + version, "{\"exit\":3}");
            assertEquals("Unhandled", crashed.functionError());
            assertTrue(crashed.payload().asUtf8String().contains("Runtime.ExitError"), crashed.payload().asUtf8String());

            awaitProvisionedReady(lambda, "provisioned-crash", version);
            InvokeResponse next = invoke(lambda, "provisioned-crash:" + version, "{}");
            assertNull(next.functionError(), next.payload().asUtf8String());
            assertFalse(LambdaRuntimesTest.log(next).contains("Init Duration"), LambdaRuntimesTest.log(next));
            assertNotEquals(before, LambdaRuntimesTest.payload(next).get("pid").asText());
        }
    }

    /** Waits for a ready provisioned environment; one that is never replaced fails the test rather than hanging it. */
    private static void awaitProvisionedReady(LambdaClient lambda, String name, String qualifier) throws InterruptedException {
        for (int polls = 0; lambda.getProvisionedConcurrencyConfig(b -> b.functionName(name).qualifier(qualifier))
                .availableProvisionedConcurrentExecutions() < 1; polls++) {
            assertTrue(polls < 600, "no provisioned environment of " + name + ":" + qualifier + " became ready");
            Thread.sleep(50);
        }
    }

    @Test
    void aHandlerPastItsTimeoutIsStoppedAndTheNextInvokeWorks(URI endpoint) {
        try (LambdaClient lambda = Clients.lambda(endpoint)) {
            create(lambda, "slow", 1);

            InvokeResponse timedOut = invoke(lambda, "slow", "{\"sleepMs\":3000}");

            assertEquals("Unhandled", timedOut.functionError());
            assertTrue(timedOut.payload().asUtf8String().contains("Task timed out after 1.00 seconds"),
                    timedOut.payload().asUtf8String());
            assertTrue(LambdaRuntimesTest.log(timedOut).contains("Task timed out after 1.00 seconds"));
            InvokeResponse next = invoke(lambda, "slow", "{\"name\":\"again\"}");
            assertNull(next.functionError(), next.payload().asUtf8String());
        }
    }

}
