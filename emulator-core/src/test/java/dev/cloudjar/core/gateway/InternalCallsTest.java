package dev.cloudjar.core.gateway;

import dev.cloudjar.core.error.AwsException;
import dev.cloudjar.core.model.Protocol;
import dev.cloudjar.core.protocol.Validator;
import dev.cloudjar.core.spi.CallContext;
import dev.cloudjar.core.spi.Input;
import dev.cloudjar.core.spi.OperationTable;
import dev.cloudjar.core.spi.Output;
import dev.cloudjar.core.spi.RequestContext;
import dev.cloudjar.core.spi.Scope;
import dev.cloudjar.core.spi.ServiceContext;
import dev.cloudjar.core.spi.ServiceDescriptor;
import dev.cloudjar.core.spi.ServicePlugin;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InternalCallsTest {
    /** A service with one operation whose input requires Name (a string of at most 5 characters). */
    /** A service with two operations; Say's input requires Name, a string of at most 5 characters. */
    private static final String MODEL = "dev/cloudjar/core/gateway/echo.json";

    private final AtomicReference<RequestContext> seen = new AtomicReference<>();
    private final InternalCalls calls = new InternalCalls(new Validator(), () -> "http://127.0.0.1:4566", Clock.systemUTC());

    InternalCallsTest() {
        OperationTable table = new OperationTable("echo")
                .on("Say", (context, input) -> {
                    seen.set(context);
                    return Output.of("Said", "hello " + input.string("Name"));
                })
                .on("Wait", (context, input) -> Output.later(CompletableFuture.completedFuture(Output.of("Said", "later"))));
        calls.serve(List.of(new ServiceRuntime(new Plugin(), table)));
    }

    private static final class Plugin implements ServicePlugin {
        @Override
        public ServiceDescriptor descriptor() {
            return new ServiceDescriptor("echo", "echo", Protocol.AWS_JSON_1_0, MODEL, "Echo", List.of(), false, List.of());
        }

        @Override
        public void start(ServiceContext context, OperationTable operations) {
        }
    }

    private static final CallContext CALLER = CallContext.service("s3.amazonaws.com", new Scope("111122223333", "eu-west-1"),
            "arn:aws:s3:::bucket", "111122223333");

    @Test
    void anOperationRunsThroughItsTableInTheCallersScopeAsTheServicePrincipal() {
        Output out = calls.call(CALLER, "echo", "Say", new Input(Map.of("Name", "Ann")));

        assertEquals("hello Ann", out.members().get("Said"));
        RequestContext context = seen.get();
        assertEquals(new Scope("111122223333", "eu-west-1"), context.scope());
        assertEquals("s3.amazonaws.com", context.principal().arn());
        assertTrue(context.principal().isService());
        assertEquals("Say", context.operation());
    }

    @Test
    void theInputIsValidatedAgainstTheModelAsARequestFromOutsideIs() {
        AwsException missing = assertThrows(AwsException.class, () -> calls.call(CALLER, "echo", "Say", Input.empty()));
        assertEquals("ValidationException", missing.code());
        AwsException tooLong = assertThrows(AwsException.class,
                () -> calls.call(CALLER, "echo", "Say", new Input(Map.of("Name", "Bartholomew"))));
        assertEquals(400, tooLong.status());
    }

    @Test
    void anUnknownServiceOrOperationAnswersUnknownOperationException() {
        assertEquals("UnknownOperationException",
                assertThrows(AwsException.class, () -> calls.call(CALLER, "sns", "Publish", Input.empty())).code());
        assertEquals("UnknownOperationException",
                assertThrows(AwsException.class, () -> calls.call(CALLER, "echo", "Shout", Input.empty())).code());
    }

    @Test
    void anOutputThatAnswersLaterIsAwaited() {
        assertEquals("later", calls.call(CALLER, "echo", "Wait", Input.empty()).members().get("Said"));
    }
}
