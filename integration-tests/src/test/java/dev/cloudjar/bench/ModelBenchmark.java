package dev.cloudjar.bench;

import dev.cloudjar.core.config.CloudjarConfig;
import dev.cloudjar.core.model.Protocol;
import dev.cloudjar.core.model.ServiceModel;
import dev.cloudjar.core.server.CloudjarServer;
import dev.cloudjar.core.spi.ServiceDescriptor;
import dev.cloudjar.core.spi.ServicePlugin;
import dev.cloudjar.it.fixtures.RawHttp;
import dev.cloudjar.it.fixtures.Signer;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.ServiceLoader;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Prints what the service models cost; asserts nothing. Targets: a model adds at most 50 ms to its
 * service's first request, and the models add less than 2 MiB to the jar. Run from the repository
 * root, after building, on the integration tests' class path:
 * <pre>
 * mvn -q -o -pl integration-tests -am verify -DskipTests dependency:build-classpath \
 *     -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -cp integration-tests/target/test-classes:$(cat integration-tests/target/cp.txt) dev.cloudjar.bench.ModelBenchmark
 * </pre>
 * <ul>
 *   <li>per service, the first request (which loads the model) against the median of the
 *       following ones: in a fresh JVM, where the first request of a protocol also loads its codec's
 *       classes, and in a second server of the same JVM, where only the model is new;</li>
 *   <li>per model, the median time to load it again once the JVM is warm;</li>
 *   <li>the models' compressed and uncompressed bytes in cloudjar.jar.</li>
 * </ul>
 */
public final class ModelBenchmark {
    private static final Path JAR = Path.of("emulator-server", "target", "cloudjar.jar");
    private static final int REPEATS = 21;

    private ModelBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        List<ServiceDescriptor> services = new ArrayList<>();
        for (ServicePlugin plugin : ServiceLoader.load(ServicePlugin.class)) {
            // The test services of the integration tests ship in no jar.
            if (!plugin.getClass().getPackageName().startsWith("dev.cloudjar.it")) {
                services.add(plugin.descriptor());
            }
        }
        firstRequests(services, "in a fresh JVM (includes loading the codec and Jackson classes)");
        firstRequests(services, "in a second server of the same JVM (the model's own cost)");
        System.out.println("Loading each model again, warm (median of " + REPEATS + ")");
        for (ServiceDescriptor service : services) {
            warmLoad(service);
        }
        jarSize(Files.exists(JAR) ? JAR : Path.of("..").resolve(JAR));
    }

    /** A server whose models are not loaded yet; its first request to each service loads that service's model. */
    private static void firstRequests(List<ServiceDescriptor> services, String when) throws IOException {
        try (CloudjarServer server = CloudjarServer.start(CloudjarConfig.builder().port(0).build())) {
            URI endpoint = URI.create(server.endpoint());
            // One request first, so the server's own first-request costs are not charged to a model.
            request(endpoint, new ServiceDescriptor("none", "none", Protocol.AWS_JSON_1_0, null, "None", List.of(), false));
            System.out.println("First request to each service vs the median of the next " + (REPEATS - 1) + ", " + when);
            for (ServiceDescriptor service : services) {
                if (service.protocol() == Protocol.AWS_JSON_1_0 || service.protocol() == Protocol.AWS_JSON_1_1
                        || service.protocol() == Protocol.AWS_QUERY) {
                    firstRequest(endpoint, service);
                }
            }
        }
    }

    private static void firstRequest(URI endpoint, ServiceDescriptor service) throws IOException {
        long first = request(endpoint, service);
        List<Long> next = new ArrayList<>();
        for (int i = 1; i < REPEATS; i++) {
            next.add(request(endpoint, service));
        }
        long median = median(next);
        System.out.printf("  %-10s first %6.1f ms, then %5.2f ms: the model adds %6.1f ms%n",
                service.name(), first / 1e6, median / 1e6, (first - median) / 1e6);
    }

    /** An unimplemented operation: the gateway loads the model to resolve it, then answers at once. */
    private static long request(URI endpoint, ServiceDescriptor service) throws IOException {
        SdkHttpRequest.Builder request = Signer.request(endpoint, SdkHttpMethod.POST, "/");
        String body;
        if (service.protocol() == Protocol.AWS_QUERY) {
            request.putHeader("Content-Type", "application/x-www-form-urlencoded; charset=utf-8");
            body = "Action=CloudjarBenchmarkProbe";
        } else {
            request.putHeader("Content-Type", "application/x-amz-json-1.0")
                    .putHeader("X-Amz-Target", service.targetPrefix() + ".CloudjarBenchmarkProbe");
            body = "{}";
        }
        byte[] wire = Signer.sign(request.build(), body.getBytes(StandardCharsets.UTF_8), "test", "test",
                service.signingName()).wire();
        try (RawHttp http = new RawHttp(endpoint)) {
            long t0 = System.nanoTime();
            http.send(wire).read();
            return System.nanoTime() - t0;
        }
    }

    private static void warmLoad(ServiceDescriptor service) {
        ClassLoader loader = ModelBenchmark.class.getClassLoader();
        List<Long> times = new ArrayList<>();
        int operations = 0;
        for (int i = 0; i < REPEATS; i++) {
            long t0 = System.nanoTime();
            operations = ServiceModel.loadResource(loader, service.modelResource()).operations().size();
            times.add(System.nanoTime() - t0);
        }
        System.out.printf("  %-10s median %5.2f ms, slowest %5.2f ms (%d operations)%n", service.name(),
                median(times) / 1e6, Collections.max(times) / 1e6, operations);
    }

    private static void jarSize(Path jar) throws IOException {
        if (!Files.exists(jar)) {
            System.out.println("No " + jar + " (build with mvn -q -o verify -DskipTests): jar size not measured");
            return;
        }
        long compressed = 0;
        long uncompressed = 0;
        System.out.println("Models in " + jar);
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements(); ) {
                ZipEntry e = entries.nextElement();
                if (e.getName().startsWith("dev/cloudjar/") && e.getName().endsWith(".json")) {
                    System.out.printf("  %-40s %8d bytes, %7d compressed%n", e.getName(), e.getSize(), e.getCompressedSize());
                    compressed += e.getCompressedSize();
                    uncompressed += e.getSize();
                }
            }
        }
        System.out.printf("  all models: %.1f KiB in the jar (%.1f KiB uncompressed); target < 2048 KiB%n",
                compressed / 1024.0, uncompressed / 1024.0);
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
