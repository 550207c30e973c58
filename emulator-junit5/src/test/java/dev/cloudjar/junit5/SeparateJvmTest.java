package dev.cloudjar.junit5;

import dev.cloudjar.core.server.CloudjarServer;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sts.StsClient;

import java.net.URI;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The opt-in out-of-process mode: the same annotation options, the server in a child JVM. */
@Cloudjar(separateJvm = true, resetBetweenTests = true, verifySignatures = false,
        options = "default-account=444455556666")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SeparateJvmTest {

    private static S3Client s3(URI endpoint) {
        return S3Client.builder().endpointOverride(endpoint).forcePathStyle(true).region(Region.US_EAST_1)
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .build();
    }

    @Test
    @Order(1)
    void theServerRunsInAChildJvmOfThisOne(URI endpoint) throws Exception {
        assertEquals(200, CloudjarAnnotationTest.health(endpoint));
        // ProcessHandle.Info cuts long command lines (the class path comes first), so read the whole one.
        java.util.List<String> children = ProcessHandle.current().children()
                .map(child -> commandLine(child)).toList();
        assertTrue(children.stream().anyMatch(c -> c.contains(" dev.cloudjar.server.Main --")),
                "a child process runs dev.cloudjar.server.Main: " + children);
    }

    private static String commandLine(ProcessHandle process) {
        java.nio.file.Path proc = java.nio.file.Path.of("/proc", String.valueOf(process.pid()), "cmdline");
        try {
            return java.nio.file.Files.isReadable(proc)
                    ? java.nio.file.Files.readString(proc).replace('\0', ' ')
                    : process.info().commandLine().orElse("");
        } catch (java.io.IOException e) {
            return "";
        }
    }

    @Test
    @Order(2)
    void theAnnotationOptionsReachTheChild(URI endpoint) {
        // Unverified signatures: a key the server does not know is accepted, and attributed to the default account.
        StsClient sts = StsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDUNKNOWN", "nope")))
                .build();
        assertEquals("444455556666", sts.getCallerIdentity().account());
        s3(endpoint).createBucket(b -> b.bucket("left-by-test-two"));
    }

    @Test
    @Order(3)
    void resetBetweenTestsWipesTheChildsState(URI endpoint) {
        assertEquals(0, s3(endpoint).listBuckets().buckets().size());
    }

    @Test
    @Order(4)
    @ExtendWith(AskForServer.class)
    void aCloudjarServerCannotBeInjectedFromAnotherJvm(ParameterResolutionException refused) {
        assertTrue(refused.getMessage().contains("separate JVM"), refused.getMessage());
    }

    /** Resolves the extension's answer to a CloudjarServer parameter, so the test can look at the refusal. */
    static final class AskForServer implements ParameterResolver {
        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == ParameterResolutionException.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            try {
                new CloudjarExtension().resolveParameter(serverParameter(), context);
                throw new AssertionError("a CloudjarServer was injected");
            } catch (ParameterResolutionException e) {
                return e;
            }
        }

        private static ParameterContext serverParameter() {
            return new ParameterContext() {
                @Override
                public java.lang.reflect.Parameter getParameter() {
                    try {
                        return AskForServer.class.getDeclaredMethod("wanted", CloudjarServer.class).getParameters()[0];
                    } catch (NoSuchMethodException e) {
                        throw new IllegalStateException(e);
                    }
                }

                @Override
                public int getIndex() {
                    return 0;
                }

                @Override
                public java.util.Optional<Object> getTarget() {
                    return java.util.Optional.empty();
                }
            };
        }

        @SuppressWarnings("unused")
        private static void wanted(CloudjarServer server) {
        }
    }
}
