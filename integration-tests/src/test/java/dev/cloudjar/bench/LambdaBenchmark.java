package dev.cloudjar.bench;

import dev.cloudjar.core.config.CloudjarConfig;
import dev.cloudjar.core.server.CloudjarServer;
import dev.cloudjar.it.fixtures.Clients;
import dev.cloudjar.it.lambda.Handlers;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LogType;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prints Lambda figures; asserts nothing. Run from the repository root after building:
 * <pre>
 * mvn -q -pl integration-tests exec:java -Dexec.mainClass=dev.cloudjar.bench.LambdaBenchmark -Dexec.classpathScope=test
 * </pre>
 * <ul>
 *   <li>warm synchronous invoke latency (p50, p99) and invokes/s through the SDK v2 over loopback
 *       (SigV4 verified), sequentially, for Node.js and Java;</li>
 *   <li>cold start per runtime: the first invoke's round trip and the REPORT line's Init Duration.</li>
 * </ul>
 * For the warm invokes it also prints the REPORT line's Duration (from handing the event to the
 * runtime to taking its answer, measured in the server), which tells a slow tail in the
 * function's process and its Runtime API calls from one in the SDK-to-gateway path; and the
 * load average before and after, since the figures mean little on a busy machine.
 */
public final class LambdaBenchmark {
    private static final String ROLE = "arn:aws:iam::000000000000:role/bench";
    private static final Pattern INIT = Pattern.compile("Init Duration: ([0-9.]+) ms");
    private static final Pattern DURATION = Pattern.compile("\tDuration: ([0-9.]+) ms");
    private static final SdkBytes EVENT = SdkBytes.fromUtf8String("{\"name\":\"bench\"}");

    private LambdaBenchmark() {
    }

    public static void main(String[] args) {
        int invokes = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int colds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        try (CloudjarServer server = CloudjarServer.start(CloudjarConfig.builder().port(0).build());
             LambdaClient lambda = Clients.lambda(URI.create(server.endpoint()))) {
            System.out.println("load average before: " + loadAverage());
            System.out.println("cold start (median of " + colds + "): first invoke round trip / Init Duration");
            for (Handlers h : List.of(Handlers.node(), Handlers.python(), Handlers.java(), Handlers.provided())) {
                cold(lambda, h, colds);
            }
            System.out.println("warm synchronous invokes (" + invokes + " sequential, after 200 warm-up)");
            for (Handlers h : List.of(Handlers.node(), Handlers.java())) {
                warm(lambda, h, invokes);
            }
            System.out.println("load average after: " + loadAverage());
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static void create(LambdaClient lambda, Handlers h, String name) {
        lambda.createFunction(b -> b.functionName(name).runtime(h.runtime()).handler(h.handler()).role(ROLE)
                .memorySize(512).timeout(30).code(c -> c.zipFile(h.code())));
    }

    private static void cold(LambdaClient lambda, Handlers h, int runs) {
        List<Double> roundTrips = new ArrayList<>();
        List<Double> inits = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            String name = "cold-" + h.runtime().replace('.', '-') + "-" + i;
            create(lambda, h, name);
            long t0 = System.nanoTime();
            InvokeResponse response = lambda.invoke(b -> b.functionName(name).logType(LogType.TAIL).payload(EVENT));
            roundTrips.add((System.nanoTime() - t0) / 1e6);
            Matcher m = INIT.matcher(new String(Base64.getDecoder().decode(response.logResult()), StandardCharsets.UTF_8));
            inits.add(m.find() ? Double.parseDouble(m.group(1)) : Double.NaN);
        }
        System.out.printf(Locale.ROOT, "  %-16s %8.1f ms / %8.1f ms%n", h.runtime(), median(roundTrips), median(inits));
    }

    private static void warm(LambdaClient lambda, Handlers h, int invokes) {
        String name = "warm-" + h.runtime().replace('.', '-');
        create(lambda, h, name);
        for (int i = 0; i < 200; i++) {
            lambda.invoke(b -> b.functionName(name).payload(EVENT));
        }
        List<Double> latencies = new ArrayList<>(invokes);
        List<Double> durations = new ArrayList<>(invokes);
        long start = System.nanoTime();
        for (int i = 0; i < invokes; i++) {
            long t0 = System.nanoTime();
            InvokeResponse response = lambda.invoke(b -> b.functionName(name).logType(LogType.TAIL).payload(EVENT));
            latencies.add((System.nanoTime() - t0) / 1e6);
            Matcher m = DURATION.matcher(new String(Base64.getDecoder().decode(response.logResult()), StandardCharsets.UTF_8));
            durations.add(m.find() ? Double.parseDouble(m.group(1)) : Double.NaN);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "  %-16s p50 %6.2f ms  p99 %6.2f ms  %7.0f invokes/s   REPORT Duration p50 %6.2f ms  p99 %6.2f ms%n",
                h.runtime(), percentile(latencies, 0.5), percentile(latencies, 0.99), invokes / seconds,
                percentile(durations, 0.5), percentile(durations, 0.99));
    }

    private static double percentile(List<Double> values, double p) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get((int) (sorted.size() * p));
    }

    private static double median(List<Double> values) {
        return percentile(values, 0.5);
    }
}
