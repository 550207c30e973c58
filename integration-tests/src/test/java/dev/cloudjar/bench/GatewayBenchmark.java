package dev.cloudjar.bench;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Prints the server's request-path throughput and latency without any SDK client cost; asserts
 * nothing. The server runs as its own process ({@code java -jar cloudjar.jar}); N threads each hold
 * one keep-alive connection and replay one request signed once up front (well inside SigV4's
 * 15-minute window), reading each response in full before sending the next. Run from the
 * repository root after {@code mvn -q -o package -DskipTests -pl emulator-server -am}:
 * <pre>
 * mvn -o -q test-compile dependency:build-classpath -pl integration-tests -am -Dmdep.outputFile=/tmp/cp.txt
 * java [-Dthreads=1,8] [-Donly=DynamoDB] [-Djar=other/cloudjar.jar] -cp "integration-tests/target/test-classes:$(cat /tmp/cp.txt)" \
 *     dev.cloudjar.bench.GatewayBenchmark [seconds] [server-jvm-option...]
 * </pre>
 * Requests: the admin health route (the floor: no routing, no signature), STS GetCallerIdentity
 * (awsQuery form, XML answer), DynamoDB GetItem on a one-item table (awsJson 1.0) and S3 GET of a
 * 4 KiB object (restXml, sent as a file region). The server's pid is printed so that it can be
 * profiled meanwhile ({@code jcmd PID JFR.start duration=30s filename=/tmp/x.jfr}). Besides rates and
 * latencies it prints the server's CPU time per request, the figure that stays comparable when
 * other work shares the machine.
 */
public final class GatewayBenchmark {
    private static final Path JAR = Path.of("emulator-server", "target", "cloudjar.jar");
    private static final String REGION = "us-east-1";
    private static final AwsBasicCredentials CREDENTIALS = AwsBasicCredentials.create("test", "test");
    /** -Dthreads=8 and -Donly=DynamoDB narrow a run down, e.g. to profile one request; -Djar=PATH compares builds. */
    private static final int[] THREADS = Arrays.stream(System.getProperty("threads", "1,8").split(","))
            .mapToInt(Integer::parseInt).toArray();
    private static final String ONLY = System.getProperty("only", "");
    /** Unmeasured seconds before each measurement, while the JIT compiles the path (-Dwarmup=3). */
    private static final long WARMUP_SECONDS = Long.getLong("warmup", 2);

    private GatewayBenchmark() {
    }

    private record Scenario(String name, byte[] request) {
    }

    public static void main(String[] args) throws Exception {
        long seconds = args.length > 0 ? Long.parseLong(args[0]) : 5;
        List<String> jvmOptions = args.length > 1 ? List.of(args).subList(1, args.length) : List.of();
        Path jar = System.getProperty("jar") != null ? Path.of(System.getProperty("jar"))
                : Files.exists(JAR) ? JAR : Path.of("..").resolve(JAR);
        int port = freePort();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString(), "--port", String.valueOf(port)));
        Process server = new ProcessBuilder(command)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        try {
            URI endpoint = URI.create("http://localhost:" + port);
            waitForHealth(endpoint);
            System.out.printf("server pid %d on port %d%n", server.pid(), port);
            List<Scenario> scenarios = prepare(endpoint);
            for (Scenario scenario : scenarios) {
                probe(port, scenario);
            }
            for (int threads : THREADS) {
                for (Scenario scenario : scenarios) {
                    if (!scenario.name().startsWith(ONLY)) {
                        continue;
                    }
                    run(port, scenario, threads, WARMUP_SECONDS);
                    long cpuBefore = cpuMillis(server.pid());
                    Result result = run(port, scenario, threads, seconds);
                    double cpuMicros = (cpuMillis(server.pid()) - cpuBefore) * 1000.0 / result.requests();
                    System.out.printf(Locale.ROOT,
                            "%-24s %d thread(s): %,8.0f req/s  p50 %6.3f ms  p99 %6.3f ms  server CPU %5.0f µs/req%s%s%n",
                            scenario.name(), threads, result.perSecond(), result.percentileMillis(50),
                            result.percentileMillis(99), cpuMicros,
                            result.errors() == 0 ? "" : "  ERRORS " + result.errors(),
                            result.closes() == 0 ? "" : "  closed by server " + result.closes());
                }
            }
            System.out.printf("load average: %s", Files.readString(Path.of("/proc/loadavg")));
        } finally {
            server.destroy();
            server.waitFor();
        }
    }

    /** Creates the table, item, bucket and object, and signs one request per scenario. */
    private static List<Scenario> prepare(URI endpoint) {
        try (DynamoDbClient dynamo = DynamoDbClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(CREDENTIALS)).build();
             S3Client s3 = S3Client.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                     .forcePathStyle(true).credentialsProvider(StaticCredentialsProvider.create(CREDENTIALS)).build()) {
            dynamo.createTable(b -> b.tableName("bench").billingMode("PAY_PER_REQUEST")
                    .attributeDefinitions(a -> a.attributeName("pk").attributeType("S"))
                    .keySchema(k -> k.attributeName("pk").keyType("HASH")));
            dynamo.putItem(b -> b.tableName("bench").item(Map.of("pk", AttributeValue.fromS("k1"),
                    "payload", AttributeValue.fromS("x".repeat(200)))));
            s3.createBucket(b -> b.bucket("bench"));
            byte[] object = new byte[4096];
            Arrays.fill(object, (byte) 'a');
            s3.putObject(b -> b.bucket("bench").key("object-4k"), RequestBody.fromBytes(object));
        }
        return List.of(
                new Scenario("health (admin floor)", unsigned(endpoint, "/_cloudjar/health")),
                new Scenario("STS GetCallerIdentity", signed(endpoint, "sts", SdkHttpMethod.POST, "/",
                        "application/x-www-form-urlencoded; charset=utf-8", null,
                        "Action=GetCallerIdentity&Version=2011-06-15")),
                new Scenario("DynamoDB GetItem", signed(endpoint, "dynamodb", SdkHttpMethod.POST, "/",
                        "application/x-amz-json-1.0", "DynamoDB_20120810.GetItem",
                        "{\"TableName\":\"bench\",\"Key\":{\"pk\":{\"S\":\"k1\"}}}")),
                new Scenario("S3 GetObject 4 KiB", signed(endpoint, "s3", SdkHttpMethod.GET, "/bench/object-4k",
                        null, null, "")));
    }

    private static byte[] unsigned(URI endpoint, String path) {
        return ("GET " + path + " HTTP/1.1\r\nHost: " + endpoint.getAuthority() + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** One request signed by the SDK's own SigV4 signer, as raw HTTP/1.1 bytes. */
    private static byte[] signed(URI endpoint, String service, SdkHttpMethod method, String path, String contentType,
                                 String target, String body) {
        byte[] payload = body.getBytes(StandardCharsets.UTF_8);
        SdkHttpFullRequest.Builder unsigned = SdkHttpFullRequest.builder().method(method).uri(endpoint.resolve(path))
                .putHeader("Host", endpoint.getAuthority());
        if (contentType != null) {
            unsigned.putHeader("Content-Type", contentType);
        }
        if (target != null) {
            unsigned.putHeader("X-Amz-Target", target);
        }
        if (service.equals("s3")) {
            unsigned.putHeader("x-amz-content-sha256", "UNSIGNED-PAYLOAD");
        }
        SdkHttpRequest request = AwsV4HttpSigner.create().sign(r -> r.identity(CREDENTIALS).request(unsigned.build())
                .payload(ContentStreamProvider.fromByteArray(payload))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                .putProperty(AwsV4HttpSigner.REGION_NAME, REGION)).request();
        StringBuilder head = new StringBuilder().append(method.name()).append(' ').append(path).append(" HTTP/1.1\r\n");
        request.forEachHeader((name, values) -> values.forEach(v -> head.append(name).append(": ").append(v).append("\r\n")));
        if (payload.length > 0 || method == SdkHttpMethod.POST) {
            head.append("Content-Length: ").append(payload.length).append("\r\n");
        }
        head.append("\r\n");
        byte[] headBytes = head.toString().getBytes(StandardCharsets.US_ASCII);
        byte[] raw = Arrays.copyOf(headBytes, headBytes.length + payload.length);
        System.arraycopy(payload, 0, raw, headBytes.length, payload.length);
        return raw;
    }

    /** Sends a scenario's request once and stops the benchmark if it is not answered 200. */
    private static void probe(int port, Scenario scenario) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.getOutputStream().write(scenario.request());
            InputStream in = new BufferedInputStream(socket.getInputStream());
            String statusLine = Connection.readLine(in);
            if (!statusLine.contains(" 200 ")) {
                StringBuilder response = new StringBuilder(statusLine).append('\n');
                socket.setSoTimeout(1000);
                try {
                    for (int c = in.read(); c >= 0; c = in.read()) {
                        response.append((char) c);
                    }
                } catch (IOException timedOut) {
                    // what arrived is enough to tell what is wrong
                }
                throw new IllegalStateException(scenario.name() + " is not answered 200:\n" + response);
            }
        }
    }

    private record Result(long requests, long errors, long closes, double seconds, long[] latencies) {
        double perSecond() {
            return requests / seconds;
        }

        double percentileMillis(int p) {
            if (latencies.length == 0) {
                return Double.NaN;
            }
            int index = (int) Math.min(latencies.length - 1, Math.ceil(latencies.length * p / 100.0) - 1);
            return latencies[Math.max(0, index)] / 1e6;
        }
    }

    private static Result run(int port, Scenario scenario, int threads, long seconds) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        List<Future<Connection>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            done.add(pool.submit(() -> {
                Connection connection = new Connection(port);
                connection.drive(scenario.request(), end);
                return connection;
            }));
        }
        long requests = 0;
        long errors = 0;
        long closes = 0;
        long[] latencies = new long[0];
        for (Future<Connection> f : done) {
            Connection c = f.get();
            requests += c.count;
            errors += c.errors;
            closes += c.closes;
            int from = latencies.length;
            latencies = Arrays.copyOf(latencies, from + c.count);
            System.arraycopy(c.latencies, 0, latencies, from, c.count);
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        Arrays.sort(latencies);
        return new Result(requests, errors, closes, elapsed, latencies);
    }

    /** One keep-alive connection sending a request and reading its whole response, over and over. */
    private static final class Connection {
        private final int port;
        private long[] latencies = new long[1 << 16];
        private int count;
        private long errors;
        private long closes;
        private final byte[] sink = new byte[64 * 1024];

        Connection(int port) {
            this.port = port;
        }

        void drive(byte[] request, long end) throws IOException {
            long now = System.nanoTime();
            while (now < end) {
                try (Socket socket = new Socket("localhost", port)) {
                    socket.setTcpNoDelay(true);
                    OutputStream out = socket.getOutputStream();
                    InputStream in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
                    boolean open = true;
                    while (open && now < end) {
                        out.write(request);
                        out.flush();
                        open = readResponse(in);
                        long after = System.nanoTime();
                        record(after - now);
                        now = after;
                    }
                    if (!open) {
                        closes++;
                    }
                }
            }
        }

        private void record(long nanos) {
            if (count == latencies.length) {
                latencies = Arrays.copyOf(latencies, count * 2);
            }
            latencies[count++] = nanos;
        }

        /** Reads a status line, headers and a Content-Length body; false when the server closes the connection. */
        private boolean readResponse(InputStream in) throws IOException {
            String statusLine = readLine(in);
            if (!statusLine.startsWith("HTTP/1.1 200 ")) {
                errors++;
            }
            long length = 0;
            boolean open = true;
            for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
                if (line.regionMatches(true, 0, "content-length:", 0, 15)) {
                    length = Long.parseLong(line.substring(15).trim());
                } else if (line.equalsIgnoreCase("connection: close")) {
                    open = false;
                }
            }
            while (length > 0) {
                int n = in.read(sink, 0, (int) Math.min(sink.length, length));
                if (n < 0) {
                    throw new IOException("connection closed mid-body");
                }
                length -= n;
            }
            return open;
        }

        static String readLine(InputStream in) throws IOException {
            StringBuilder line = new StringBuilder(64);
            int c;
            while ((c = in.read()) != '\n') {
                if (c < 0) {
                    throw new IOException("connection closed");
                }
                if (c != '\r') {
                    line.append((char) c);
                }
            }
            return line.toString();
        }
    }

    /**
     * The server process's CPU time so far (user + system, from /proc on Linux): per request, it
     * measures the server's cost even on a machine busy with other work, where rates do not.
     */
    private static long cpuMillis(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // Fields 14 and 15 of stat (utime, stime), counted after the command name, in clock ticks of 10 ms.
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10;
    }

    private static void waitForHealth(URI endpoint) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(200)).build();
        java.net.http.HttpRequest health = java.net.http.HttpRequest.newBuilder(endpoint.resolve("/_cloudjar/health"))
                .timeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            try {
                if (client.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                Thread.sleep(20);
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
