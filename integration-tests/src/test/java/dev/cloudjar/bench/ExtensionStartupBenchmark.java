package dev.cloudjar.bench;

import dev.cloudjar.core.server.CloudjarServer;
import dev.cloudjar.junit5.Cloudjar;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherFactory;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

/**
 * Prints how long the first {@code @Cloudjar} test class in a fresh JVM waits for its server, as
 * a build tool runs it: a JUnit launcher session discovers one test class and runs it; the time
 * between the class starting and its first test starting is the extension's start. A second class
 * follows in the same JVM, as the rest of a suite does. Each run is a new JVM, with the
 * launcher-session warm-up ({@code CloudjarWarmup}) on and off. Asserts nothing.
 * <pre>
 * java -cp "integration-tests/target/test-classes:$(cat /tmp/cp.txt)" dev.cloudjar.bench.ExtensionStartupBenchmark 7
 * </pre>
 * The child JVMs get the same class path, so the shaded artifact is measured by putting
 * {@code emulator-junit5/target/emulator-junit5-VERSION.jar} on it instead of the modules.
 */
public final class ExtensionStartupBenchmark {
    private ExtensionStartupBenchmark() {
    }

    /** The test class each child JVM runs; not a test of the suite (nested classes are not selected). */
    @Cloudjar
    public static final class FirstClass {
        @Test
        void serverIsUp(CloudjarServer server) {
            server.endpoint();
        }
    }

    /** A later class of the same suite: by then everything is loaded. */
    @Cloudjar
    public static final class SecondClass {
        @Test
        void serverIsUp(CloudjarServer server) {
            server.endpoint();
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("child")) {
            child();
            return;
        }
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        for (boolean warmup : new boolean[] {true, false}) {
            List<Double> discovery = new ArrayList<>();
            List<Double> start = new ArrayList<>();
            List<Double> total = new ArrayList<>();
            List<Double> second = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                String[] line = runChild(warmup).split(" ");
                discovery.add(Double.parseDouble(line[0]));
                start.add(Double.parseDouble(line[1]));
                total.add(Double.parseDouble(line[0]) + Double.parseDouble(line[1]));
                second.add(Double.parseDouble(line[2]));
            }
            Collections.sort(discovery);
            Collections.sort(start);
            Collections.sort(total);
            Collections.sort(second);
            System.out.printf("warm-up %-3s: first @Cloudjar class waits median %.1f ms for its server (min %.1f, max %.1f);"
                            + " launcher open to class start median %.1f ms; to first test %.1f ms;"
                            + " the second class waits median %.1f ms (%d JVMs)%n",
                    warmup ? "on" : "off", start.get(runs / 2), start.get(0), start.get(runs - 1),
                    discovery.get(runs / 2), total.get(runs / 2), second.get(runs / 2), runs);
        }
    }

    private static String runChild(boolean warmup) throws Exception {
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dcloudjar.junit.warmup=" + warmup, "-cp", System.getProperty("java.class.path"),
                ExtensionStartupBenchmark.class.getName(), "child")
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        String result = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                if (line.startsWith("RESULT ")) {
                    result = line.substring(7);
                }
            }
        }
        if (process.waitFor() != 0 || result == null) {
            throw new IllegalStateException("child JVM failed (exit " + process.exitValue() + ")");
        }
        return result;
    }

    private static void child() {
        // launcher open, first class start, its test start, second class start, its test start
        long[] marks = new long[5];
        TestExecutionListener timing = new TestExecutionListener() {
            private int next = 1;

            @Override
            public void executionStarted(TestIdentifier id) {
                if (id.isTest() || id.getSource().filter(ClassSource.class::isInstance).isPresent()) {
                    marks[next++] = System.nanoTime();
                }
            }

            @Override
            public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                if (id.isTest() && result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
                    throw new IllegalStateException("test failed: " + result);
                }
            }
        };
        marks[0] = System.nanoTime();
        try (LauncherSession session = LauncherFactory.openSession()) {
            session.getLauncher().execute(request()
                    .selectors(selectClass(FirstClass.class), selectClass(SecondClass.class)).build(), timing);
        }
        if (marks[4] == 0) {
            throw new IllegalStateException("the tests did not run");
        }
        System.out.printf(java.util.Locale.ROOT, "RESULT %.1f %.1f %.1f%n", (marks[1] - marks[0]) / 1e6,
                (marks[2] - marks[1]) / 1e6, (marks[4] - marks[3]) / 1e6);
    }
}
