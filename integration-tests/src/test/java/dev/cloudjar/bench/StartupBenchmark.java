package dev.cloudjar.bench;

import dev.cloudjar.it.fixtures.Processes;
import dev.cloudjar.core.config.CloudjarConfig;
import dev.cloudjar.core.server.CloudjarServer;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Prints startup figures; asserts nothing. Run from the repository root after building:
 * <pre>
 * mvn -q install -DskipTests
 * mvn -q -pl integration-tests exec:java -Dexec.mainClass=dev.cloudjar.bench.StartupBenchmark
 * </pre>
 * <ul>
 *   <li>process start of {@code java -jar cloudjar.jar} to the first answered request (health);</li>
 *   <li>resident memory of that process when idle;</li>
 *   <li>in-process start as the JUnit extension does it (first in a JVM, then warm).</li>
 * </ul>
 */
public final class StartupBenchmark {
    private static final Path JAR = Path.of("emulator-server", "target", "cloudjar.jar");

    private StartupBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path jar = Files.exists(JAR) ? JAR : Path.of("..").resolve(JAR);
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        List<Long> startups = new ArrayList<>();
        long rssKib = 0;
        for (int i = 0; i < runs; i++) {
            int port = freePort();
            long t0 = System.nanoTime();
            Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-jar", jar.toString(), "--port", String.valueOf(port))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            try {
                waitForHealth(port);
                startups.add((System.nanoTime() - t0) / 1_000_000);
                if (i == runs - 1) {
                    Thread.sleep(2000);
                    rssKib = Processes.rssKib(process.pid());
                }
            } finally {
                process.destroy();
                process.waitFor();
            }
        }
        Collections.sort(startups);
        System.out.printf("java -jar start to first answered request: median %d ms, min %d ms, max %d ms (%d runs)%n",
                startups.get(startups.size() / 2), startups.get(0), startups.get(startups.size() - 1), runs);
        System.out.printf("idle RSS after start + 2 s: %d MiB%n", rssKib / 1024);

        List<Long> inProcess = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            long t0 = System.nanoTime();
            try (CloudjarServer server = CloudjarServer.start(CloudjarConfig.builder().port(0).build())) {
                inProcess.add((System.nanoTime() - t0) / 1_000);
                server.endpoint();
            }
        }
        List<Long> warm = new ArrayList<>(inProcess.subList(1, inProcess.size()));
        Collections.sort(warm);
        System.out.printf("in-process start (JUnit extension): first in JVM %.1f ms, then median %.1f ms%n",
                inProcess.get(0) / 1000.0, warm.get(warm.size() / 2) / 1000.0);
    }

    /**
     * Polls with a plain socket and a hand-written request: an HTTP client's own first-use setup
     * would otherwise be counted as the server's start.
     */
    private static void waitForHealth(int port) throws Exception {
        byte[] request = ("GET /_cloudjar/health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
                socket.getOutputStream().write(request);
                byte[] status = socket.getInputStream().readNBytes(12);
                if (new String(status, java.nio.charset.StandardCharsets.US_ASCII).endsWith("200")) {
                    return;
                }
            } catch (IOException notYet) {
                Thread.sleep(2);
            }
        }
        throw new IllegalStateException("server did not answer within 30 s");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
