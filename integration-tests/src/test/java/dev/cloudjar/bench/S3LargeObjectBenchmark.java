package dev.cloudjar.bench;

import dev.cloudjar.it.fixtures.Clients;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The 5 GiB variant of the streaming test: one 5 GiB PUT (S3's single-PUT limit), a whole GET and
 * ranged GETs through a server jar whose heap is capped at 128 MiB; then the same size as a
 * multipart upload of 64 MiB parts, with the time CompleteMultipartUpload takes, and its GETs.
 * Prints MiB/s and milliseconds, asserts nothing but the bytes. Build the jar, then run from the
 * repository root:
 * <pre>
 * mvn -q -o package -pl emulator-server -am -DskipTests
 * mvn -q -pl integration-tests exec:java -Dexec.mainClass=dev.cloudjar.bench.S3LargeObjectBenchmark -Dexec.classpathScope=test
 * </pre>
 * An argument sets the size in MiB (default 5120).
 */
public final class S3LargeObjectBenchmark {
    private static final long MIB = 1024 * 1024;
    private static final long PART_SIZE = 64 * MIB;

    private S3LargeObjectBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long size = (args.length > 0 ? Long.parseLong(args[0]) : 5120) * MIB;
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Process server = startServer(port);
        try (S3Client s3 = Clients.s3(URI.create("http://127.0.0.1:" + port))) {
            s3.createBucket(b -> b.bucket("large"));
            long t0 = System.nanoTime();
            s3.putObject(b -> b.bucket("large").key("object"), RequestBody.fromContentProvider(() -> generated(size), size,
                    "application/octet-stream"));
            System.out.printf("%,d MiB PUT: %,.0f MiB/s%n", size / MIB, size / MIB / seconds(t0));

            long t1 = System.nanoTime();
            long read = readWhole(s3, "object");
            System.out.printf("%,d MiB GET: %,.0f MiB/s%n", read / MIB, read / MIB / seconds(t1));

            for (long first : new long[]{0, size / 2 + 12_345, size - MIB}) {
                long t2 = System.nanoTime();
                byte[] got = s3.getObjectAsBytes(b -> b.bucket("large").key("object")
                        .range("bytes=" + first + "-" + (first + MIB - 1))).asByteArray();
                check(got[0], first);
                System.out.printf("1 MiB ranged GET at %,d: %.1f ms%n", first, seconds(t2) * 1000);
            }
            multipart(s3, size);
            System.out.println("server alive with -Xmx128m: " + server.isAlive());
        } finally {
            server.destroy();
            server.waitFor();
        }
    }

    private static void multipart(S3Client s3, long size) throws IOException {
        String uploadId = s3.createMultipartUpload(b -> b.bucket("large").key("multipart")).uploadId();
        List<CompletedPart> parts = new ArrayList<>();
        long t0 = System.nanoTime();
        for (long first = 0; first < size; first += PART_SIZE) {
            long start = first;
            long length = Math.min(PART_SIZE, size - first);
            int number = parts.size() + 1;
            String etag = s3.uploadPart(b -> b.bucket("large").key("multipart").uploadId(uploadId).partNumber(number),
                    RequestBody.fromContentProvider(() -> generated(start, length), length, "application/octet-stream"))
                    .eTag();
            parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
        }
        System.out.printf("%,d MiB in %d parts: %,.0f MiB/s%n", size / MIB, parts.size(), size / MIB / seconds(t0));
        long t1 = System.nanoTime();
        s3.completeMultipartUpload(b -> b.bucket("large").key("multipart").uploadId(uploadId)
                .multipartUpload(m -> m.parts(parts)));
        System.out.printf("CompleteMultipartUpload of %d parts: %.1f ms%n", parts.size(), seconds(t1) * 1000);

        long t2 = System.nanoTime();
        long read = readWhole(s3, "multipart");
        System.out.printf("%,d MiB multipart GET: %,.0f MiB/s%n", read / MIB, read / MIB / seconds(t2));
        long across = Math.min(PART_SIZE, size) - MIB / 2;
        long t3 = System.nanoTime();
        byte[] got = s3.getObjectAsBytes(b -> b.bucket("large").key("multipart")
                .range("bytes=" + across + "-" + (across + MIB - 1))).asByteArray();
        check(got[0], across);
        check(got[got.length - 1], across + got.length - 1);
        System.out.printf("1 MiB ranged GET across parts at %,d: %.1f ms%n", across, seconds(t3) * 1000);
    }

    /** GETs the whole object, checking a byte of every read; returns the bytes read. */
    private static long readWhole(S3Client s3, String key) throws IOException {
        long read = 0;
        try (InputStream in = s3.getObject(b -> b.bucket("large").key(key))) {
            byte[] buffer = new byte[1 << 16];
            int n;
            while ((n = in.read(buffer)) > 0) {
                check(buffer[0], read);
                read += n;
            }
        }
        return read;
    }

    private static Process startServer(int port) throws IOException {
        Path jar = List.of(Path.of("emulator-server/target/cloudjar.jar"), Path.of("../emulator-server/target/cloudjar.jar"))
                .stream().filter(Files::exists).findFirst()
                .orElseThrow(() -> new IllegalStateException("build emulator-server/target/cloudjar.jar first"));
        String javaBinary = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(javaBinary, "-Xmx128m", "-jar", jar.toString(), "--port", String.valueOf(port))
                .redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null && !line.trim().startsWith("health")) {
            // the banner ends with the health line once the server listens
        }
        Thread drain = new Thread(() -> {
            try {
                out.transferTo(java.io.Writer.nullWriter());
            } catch (IOException ignored) {
                // the server stopped
            }
        });
        drain.setDaemon(true);
        drain.start();
        return process;
    }

    private static byte byteAt(long position) {
        return (byte) (position % 251);
    }

    private static void check(byte got, long position) {
        if (got != byteAt(position)) {
            throw new IllegalStateException("wrong byte at " + position);
        }
    }

    private static InputStream generated(long length) {
        return generated(0, length);
    }

    /** The generated bytes from {@code first}, {@code length} of them. */
    private static InputStream generated(long first, long length) {
        long end = first + length;
        return new InputStream() {
            long position = first;

            @Override
            public int read() {
                return position < end ? byteAt(position++) & 0xFF : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (position >= end) {
                    return -1;
                }
                int n = (int) Math.min(len, end - position);
                for (int i = 0; i < n; i++) {
                    b[off + i] = byteAt(position + i);
                }
                position += n;
                return n;
            }
        };
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
