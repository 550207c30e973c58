package dev.cloudjar.bench;

import dev.cloudjar.core.config.CloudjarConfig;
import dev.cloudjar.core.server.CloudjarServer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Prints S3 figures through the SDK v2 against an in-process server; asserts nothing. Run from the
 * repository root after building:
 * <pre>
 * mvn -q -pl integration-tests exec:java -Dexec.mainClass=dev.cloudjar.bench.S3Benchmark -Dexec.classpathScope=test
 * </pre>
 * 4 KiB PUT and GET ops/s at 1 and 8 threads, 64 MiB PUT and GET MiB/s, and the time of one
 * ListObjectsV2 page (1,000 keys) over 10,000 keys. With the argument {@code get}, only the 4 KiB
 * GET figures (to profile the read path).
 */
public final class S3Benchmark {
    private static final int SMALL = 4 * 1024;
    private static final long LARGE = 64L * 1024 * 1024;
    private static final long SECONDS = 5;
    private static final long WARM_UP_SECONDS = 30;

    private S3Benchmark() {
    }

    public static void main(String[] args) throws Exception {
        try (CloudjarServer server = CloudjarServer.start(CloudjarConfig.builder().port(0).build());
             S3Client s3 = client(URI.create(server.endpoint()))) {
            s3.createBucket(b -> b.bucket("bench"));
            byte[] small = new byte[SMALL];
            boolean getsOnly = List.of(args).contains("get");
            // The SDK's request path takes the JIT tens of seconds on two cores (the 1-thread GET
            // rate triples over the first 30 s), so both paths run untimed first.
            for (int i = 0; i < 500; i++) {
                int key = i;
                s3.putObject(b -> b.bucket("bench").key("small/" + key), RequestBody.fromBytes(small));
            }
            rate(8, WARM_UP_SECONDS, i -> {
                if (i % 2 == 0) {
                    s3.putObject(b -> b.bucket("bench").key("small/" + i % 500), RequestBody.fromBytes(small));
                } else {
                    s3.getObject(b -> b.bucket("bench").key("small/" + i % 500), ResponseTransformer.toBytes());
                }
            });
            System.out.printf("after a %d s warm-up of PUTs and GETs:%n", WARM_UP_SECONDS);
            for (int threads : new int[]{1, 8}) {
                if (!getsOnly || threads == 1) {
                    System.out.printf("4 KiB PUT, %d thread(s): %,.0f ops/s%n", threads, rate(threads, i ->
                            s3.putObject(b -> b.bucket("bench").key("small/" + i % 500), RequestBody.fromBytes(small))));
                }
                System.out.printf("4 KiB GET, %d thread(s): %,.0f ops/s%n", threads, rate(threads, i ->
                        s3.getObject(b -> b.bucket("bench").key("small/" + i % 500), ResponseTransformer.toBytes())));
            }
            if (getsOnly) {
                return;
            }
            long t0 = System.nanoTime();
            s3.putObject(b -> b.bucket("bench").key("large"), RequestBody.fromInputStream(zeros(LARGE), LARGE));
            System.out.printf("64 MiB PUT: %,.0f MiB/s%n", 64 / seconds(t0));
            for (int run = 0; run < 3; run++) {
                long t1 = System.nanoTime();
                try (InputStream in = s3.getObject(b -> b.bucket("bench").key("large"))) {
                    in.transferTo(java.io.OutputStream.nullOutputStream());
                }
                System.out.printf("64 MiB GET (run %d): %,.0f MiB/s%n", run + 1, 64 / seconds(t1));
            }
            fill(s3);
            for (int run = 0; run < 5; run++) {
                long t2 = System.nanoTime();
                int keys = s3.listObjectsV2(b -> b.bucket("bench").prefix("many/").startAfter("many/04000")).keyCount();
                System.out.printf("ListObjectsV2 page of %d over 10,000 keys: %.1f ms%n", keys, seconds(t2) * 1000);
            }
        }
    }

    /**
     * The SDK's default sync HTTP client (Apache), path-style, as an application gets it; the
     * tests' fixture client uses the lighter URL-connection client, which pools connections less well.
     */
    private static S3Client client(URI endpoint) {
        return S3Client.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(ApacheHttpClient.builder().build())
                .build();
    }

    private interface Call {
        void run(long i);
    }

    private static double rate(int threads, Call call) throws Exception {
        return rate(threads, SECONDS, call);
    }

    private static double rate(int threads, long seconds, Call call) throws Exception {
        AtomicLong done = new AtomicLong();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> futures = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            futures.add(pool.submit(() -> {
                while (System.nanoTime() < end) {
                    call.run(done.incrementAndGet());
                }
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        return done.get() / seconds(t0);
    }

    private static void fill(S3Client s3) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            String key = String.format("many/%05d", i);
            futures.add(pool.submit(() -> s3.putObject(b -> b.bucket("bench").key(key), RequestBody.fromString("x"))));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
    }

    private static InputStream zeros(long length) {
        return new InputStream() {
            long left = length;

            @Override
            public int read() {
                return left-- > 0 ? 0 : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left <= 0) {
                    return -1;
                }
                int n = (int) Math.min(len, left);
                java.util.Arrays.fill(b, off, off + n, (byte) 0);
                left -= n;
                return n;
            }
        };
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
