package dev.cloudjar.it.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cloudjar.it.fixtures.Clients;
import dev.cloudjar.junit5.Cloudjar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LogType;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

@Cloudjar
class LambdaRuntimesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROLE = "arn:aws:iam::000000000000:role/lambda-role";

    static Stream<Handlers> runtimes() {
        return Stream.of(Handlers.node(), Handlers.python(), Handlers.java(), Handlers.provided());
    }

    static String create(LambdaClient lambda, Handlers h, String name) {
        lambda.createFunction(b -> b.functionName(name).runtime(h.runtime()).handler(h.handler()).role(ROLE)
                .code(c -> c.zipFile(h.code())).timeout(10));
        return name;
    }

    static InvokeResponse invoke(LambdaClient lambda, String name, String event) {
        return lambda.invoke(b -> b.functionName(name).logType(LogType.TAIL).payload(SdkBytes.fromUtf8String(event)));
    }

    static JsonNode payload(InvokeResponse response) throws IOException {
        return JSON.readTree(response.payload().asByteArray());
    }

    static String log(InvokeResponse response) {
        return new String(Base64.getDecoder().decode(response.logResult()), StandardCharsets.UTF_8);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("runtimes")
    void firstInvokeIsColdAndTheSecondIsWarmInTheSameProcess(Handlers h, URI endpoint) throws IOException {
        try (LambdaClient lambda = Clients.lambda(endpoint)) {
            String name = create(lambda, h, "hello-" + h.runtime().replace('.', '-'));

            InvokeResponse cold = invoke(lambda, name, "{\"name\":\"cloudjar\"}");
            assertEquals(200, cold.statusCode());
            assertNull(cold.functionError(), () -> cold.payload().asUtf8String() + log(cold));
            assertEquals("$LATEST", cold.executedVersion());
            assertEquals(1, payload(cold).get("count").asInt());
            assertEquals("hello cloudjar", payload(cold).get("greeting").asText());
            assertTrue(log(cold).contains("Init Duration"), log(cold));
            assertTrue(log(cold).contains("invoked 1"), log(cold));

            InvokeResponse warm = invoke(lambda, name, "{\"name\":\"cloudjar\"}");
            assertEquals(2, payload(warm).get("count").asInt());
            assertEquals(payload(cold).get("pid"), payload(warm).get("pid"));
            assertFalse(log(warm).contains("Init Duration"), log(warm));
            assertTrue(log(warm).startsWith("START RequestId: "), log(warm));
            assertTrue(log(warm).contains("REPORT RequestId: "), log(warm));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("runtimes")
    void aThrowingHandlerAnswersUnhandledWithLambdasErrorDocument(Handlers h, URI endpoint) throws IOException {
        try (LambdaClient lambda = Clients.lambda(endpoint)) {
            String name = create(lambda, h, "failing-" + h.runtime().replace('.', '-'));

            InvokeResponse failed = invoke(lambda, name, "{\"fail\":\"now\"}");

            assertEquals(200, failed.statusCode());
            assertEquals("Unhandled", failed.functionError());
            JsonNode error = payload(failed);
            assertEquals(h.errorType(), error.get("errorType").asText());
            assertTrue(error.get("errorMessage").asText().startsWith("boom"), error.toString());
            InvokeResponse next = invoke(lambda, name, "{\"name\":\"again\"}");
            assertNull(next.functionError(), () -> next.payload().asUtf8String());
        }
    }

    @Test
    void java21FunctionsRunOnAJvmOfAtLeast21(URI endpoint) throws IOException {
        Path jdk = jdkOfAtLeast(21);
        assumeTrue(jdk != null, "no JDK 21 or newer installed to compile a --release 21 handler");
        SdkBytes code = FunctionPackages.java(Map.of("example.Version", """
                package example;

                import com.amazonaws.services.lambda.runtime.Context;
                import com.amazonaws.services.lambda.runtime.RequestHandler;
                import java.util.List;
                import java.util.Map;

                public class Version implements RequestHandler<Map<String, Object>, String> {
                    @Override
                    public String handleRequest(Map<String, Object> event, Context context) {
                        // SequencedCollection.reversed() exists from Java 21 on.
                        return List.of("x", String.valueOf(Runtime.version().feature())).reversed().get(0);
                    }
                }
                """), jdk, 21);
        try (LambdaClient lambda = Clients.lambda(endpoint)) {
            lambda.createFunction(b -> b.functionName("java21-version").runtime("java21")
                    .handler("example.Version::handleRequest").role(ROLE).code(c -> c.zipFile(code)).timeout(30));
            InvokeResponse response = invoke(lambda, "java21-version", "{}");
            assertNull(response.functionError(), () -> response.payload().asUtf8String() + log(response));
            int feature = Integer.parseInt(response.payload().asUtf8String().replace("\"", ""));
            assertTrue(feature >= 21, "ran on Java " + feature);
        }
    }

    /** The JVM running the tests if new enough, else an installed JDK with javac of at least that version. */
    private static Path jdkOfAtLeast(int feature) throws IOException {
        if (Runtime.version().feature() >= feature) {
            return Path.of(System.getProperty("java.home"));
        }
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return null;
        }
        try (Stream<Path> homes = Files.list(jvms)) {
            return homes.filter(home -> Files.isExecutable(home.resolve("bin/javac")))
                    .filter(home -> releaseFeature(home) >= feature)
                    .findFirst().orElse(null);
        }
    }

    private static int releaseFeature(Path home) {
        try {
            for (String line : Files.readAllLines(home.resolve("release"))) {
                if (line.startsWith("JAVA_VERSION=")) {
                    String version = line.substring(13).replace("\"", "");
                    return Integer.parseInt(version.split("[.+_-]")[0]);
                }
            }
        } catch (IOException | NumberFormatException ignored) {
            // Not a JDK this test can use.
        }
        return 0;
    }
}
