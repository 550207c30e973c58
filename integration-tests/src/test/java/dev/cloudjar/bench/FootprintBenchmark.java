package dev.cloudjar.bench;

import dev.cloudjar.it.fixtures.Clients;
import dev.cloudjar.it.fixtures.Processes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How much memory a server started the way users start it ({@code java -jar cloudjar.jar}, no
 * JVM flags) holds under load and gives back when idle. Prints, asserts nothing:
 * <ol>
 *   <li>60 s of 4 KiB PutObject/GetObject (half each) at 8 threads over 1,000 keys: ops/s,
 *       server CPU per op, resident memory at the end and its peak;</li>
 *   <li>20 × 64 MiB PutObject and GetObject, one at a time: resident memory at the end and its peak;</li>
 *   <li>resident memory every 10 s for 60 s after the load stops.</li>
 * </ol>
 * Resident memory is the server's {@code VmRSS} from {@code /proc}. Build the jar, then run from
 * the repository root (arguments: the jar, default emulator-server/target/cloudjar.jar, then
 * extra server options such as {@code --data-dir DIR}):
 * <pre>
 * mvn -q -o package -pl emulator-server -am -DskipTests
 * mvn -q -o test-compile dependency:build-classpath -pl integration-tests -am -Dmdep.outputFile=/tmp/cp.txt -Dmdep.includeScope=test
 * java -cp integration-tests/target/test-classes:$(cat /tmp/cp.txt) dev.cloudjar.bench.FootprintBenchmark
 * </pre>
 */
public final class FootprintBenchmark {
    private static final int SMALL = 4 * 1024;
    private static final long LARGE = 64L * 1024 * 1024;
    private static final int THREADS = 8;
    private static final int KEYS = 1000;
    private static final long LOAD_NANOS = 60_000_000_000L;

    private FootprintBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args.length > 0 ? args[0] : "emulator-server/target/cloudjar.jar");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        // -DjvmArgs="-Xmx128m ..." measures the server with launch flags of the user's.
        for (String flag : System.getProperty("jvmArgs", "").trim().split("\\s+")) {
            if (!flag.isEmpty()) {
                command.add(flag);
            }
        }
        command.addAll(List.of("-jar", jar.toString(), "--port", String.valueOf(port)));
        for (int i = 1; i < args.length; i++) {
            command.add(args[i]);
        }
        Process server = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        Memory memory = new Memory(server.pid());
        try (S3Client s3 = Clients.s3(URI.create("http://127.0.0.1:" + port))) {
            waitForHealth(port);
            System.out.printf("%s%nstarted: RSS %d MiB%n", String.join(" ", command.subList(1, command.size())),
                    memory.rssMib());
            s3.createBucket(b -> b.bucket("footprint"));
            smallObjects(s3, memory);
            largeObjects(s3, memory);
            idle(memory);
        } finally {
            memory.stop();
            server.destroy();
            server.waitFor();
        }
    }

    private static void smallObjects(S3Client s3, Memory memory) throws Exception {
        byte[] body = new byte[SMALL];
        ThreadLocalRandom.current().nextBytes(body);
        for (int i = 0; i < KEYS; i++) {
            String key = key(i);
            s3.putObject(p -> p.bucket("footprint").key(key),
                    RequestBody.fromBytes(body));
        }
        memory.resetPeak();
        AtomicLong ops = new AtomicLong();
        long cpu0 = memory.cpuMillis();
        long t0 = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                runs.add(pool.submit(() -> {
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    while (System.nanoTime() - t0 < LOAD_NANOS) {
                        String key = key(random.nextInt(KEYS));
                        if (random.nextBoolean()) {
                            s3.putObject(p -> p.bucket("footprint").key(key), RequestBody.fromBytes(body));
                        } else {
                            s3.getObjectAsBytes(g -> g.bucket("footprint").key(key));
                        }
                        ops.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> run : runs) {
                run.get();
            }
        } finally {
            pool.shutdown();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("60 s of 4 KiB PUT/GET at %d threads: %.0f ops/s, server CPU %.3f ms/op; RSS %d MiB (peak %d MiB)%n",
                THREADS, ops.get() / seconds, (memory.cpuMillis() - cpu0) / (double) ops.get(), memory.rssMib(),
                memory.peakMib());
    }

    private static void largeObjects(S3Client s3, Memory memory) throws IOException {
        memory.resetPeak();
        long t0 = System.nanoTime();
        byte[] buffer = new byte[1 << 16];
        for (int i = 0; i < 20; i++) {
            String key = "large-" + (i % 2);
            s3.putObject(p -> p.bucket("footprint").key(key),
                    RequestBody.fromContentProvider(() -> new Zeros(LARGE), LARGE, "application/octet-stream"));
            long read = 0;
            try (InputStream in = s3.getObject(g -> g.bucket("footprint").key(key))) {
                for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                    read += n;
                }
            }
            if (read != LARGE) {
                throw new IllegalStateException("read " + read + " bytes of " + LARGE);
            }
        }
        System.out.printf("20 x 64 MiB PUT/GET: %.0f MiB/s; RSS %d MiB (peak %d MiB)%n",
                40 * 64 / ((System.nanoTime() - t0) / 1e9), memory.rssMib(), memory.peakMib());
    }

    private static void idle(Memory memory) throws Exception {
        StringBuilder line = new StringBuilder("idle RSS every 10 s:");
        for (int i = 1; i <= 6; i++) {
            Thread.sleep(10_000);
            line.append(' ').append(memory.rssMib());
        }
        System.out.println(line);
        System.out.printf("60 s after the load stopped: RSS %d MiB%n", memory.rssMib());
    }

    private static String key(int n) {
        return "small-" + n;
    }

    /** Polls health with a plain socket, so no client setup counts. */
    private static void waitForHealth(int port) throws Exception {
        byte[] request = "GET /_cloudjar/health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII);
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            try (Socket socket = new Socket("127.0.0.1", port)) {
                socket.getOutputStream().write(request);
                if (new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII).endsWith("200")) {
                    return;
                }
            } catch (IOException notYet) {
                Thread.sleep(20);
            }
        }
        throw new IllegalStateException("server did not answer within 30 s");
    }

    /** The server's resident memory (sampled every 200 ms for the peak) and CPU time, from /proc. */
    private static final class Memory {
        private final long pid;
        private final Thread sampler;
        private volatile long peakKib;

        Memory(long pid) {
            this.pid = pid;
            this.sampler = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    try {
                        peakKib = Math.max(peakKib, rssKib());
                        Thread.sleep(200);
                    } catch (InterruptedException e) {
                        return;
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            sampler.setDaemon(true);
            sampler.start();
        }

        long rssMib() throws IOException {
            return rssKib() / 1024;
        }

        long peakMib() {
            return peakKib / 1024;
        }

        void resetPeak() throws IOException {
            peakKib = rssKib();
        }

        void stop() {
            sampler.interrupt();
        }

        private long rssKib() throws IOException {
            return Processes.rssKib(pid);
        }

        /** User and system CPU time of the server, from fields 14 and 15 of /proc/PID/stat (clock ticks of 10 ms). */
        long cpuMillis() throws IOException {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10;
        }
    }

    /** {@code length} zero bytes, without holding them. */
    private static final class Zeros extends InputStream {
        private long left;

        Zeros(long length) {
            this.left = length;
        }

        @Override
        public int read() {
            if (left == 0) {
                return -1;
            }
            left--;
            return 0;
        }

        @Override
        public int read(byte[] bytes, int offset, int length) {
            if (left == 0) {
                return -1;
            }
            int n = (int) Math.min(length, left);
            Arrays.fill(bytes, offset, offset + n, (byte) 0);
            left -= n;
            return n;
        }
    }
}
