package dev.cloudjar.it.gateway;

import dev.cloudjar.it.fixtures.RawHttp;
import dev.cloudjar.it.fixtures.Signer;
import dev.cloudjar.junit5.Cloudjar;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.SdkHttpMethod;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 500 keep-alive connections mixing good and bad requests: every good request succeeds, every bad
 * one gets its own 4xx, nothing else fails, and no file descriptors or heap are left behind. The
 * default suite runs a 3-second burst; the soak proper (30 seconds, or
 * {@code -Dcloudjar.soak.seconds}) is a slow test ({@code mvn verify -Pslow}).
 */
@Cloudjar
class ConnectionSoakTest {
    static final int CONNECTIONS = 500;

    @Test
    void aBurstOfFiveHundredKeepAliveConnectionsMixingGoodAndBadRequests(URI endpoint) throws Exception {
        soak(endpoint, 3);
    }

    @Test
    @Tag("slow")
    void fiveHundredKeepAliveConnectionsMixingGoodAndBadRequests(URI endpoint) throws Exception {
        soak(endpoint, Long.getLong("cloudjar.soak.seconds", 30));
    }

    private static void soak(URI endpoint, long seconds) throws Exception {
        byte[] good = SignatureVerificationTest.identity(endpoint, "test", "test", Clock.systemUTC()).wire();
        byte[] badJson = Signer.sign(Signer.request(endpoint, SdkHttpMethod.POST, "/")
                        .putHeader("Content-Type", "application/x-amz-json-1.0")
                        .putHeader("X-Amz-Target", "TestJson_20250101.Echo").build(),
                "{not json".getBytes(StandardCharsets.UTF_8), "test", "test", "testjson").wire();
        byte[] badSignature = SignatureVerificationTest.echo(endpoint, "test", "wrong", Clock.systemUTC()).wire();
        byte[][] requests = {good, badJson, badSignature};
        int[] expected = {200, 400, 400};

        warmUp(endpoint, requests);
        long fdsBefore = openFileDescriptors();
        long heapBefore = usedHeapAfterGc();

        ConcurrentHashMap<String, AtomicLong> outcomes = new ConcurrentHashMap<>();
        List<Thread> threads = new ArrayList<>();
        CountDownLatch ready = new CountDownLatch(CONNECTIONS);
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        for (int c = 0; c < CONNECTIONS; c++) {
            int connection = c;
            Thread t = new Thread(() -> {
                try (RawHttp http = new RawHttp(endpoint)) {
                    ready.countDown();
                    ready.await();
                    for (int i = connection; System.nanoTime() < deadline; i++) {
                        int kind = i % requests.length;
                        RawHttp.Reply reply = http.send(requests[kind]).read();
                        String outcome = reply.status() == expected[kind] ? "expected" : "unexpected " + reply.status()
                                + " for request kind " + kind + ": " + reply.text();
                        outcomes.computeIfAbsent(outcome, k -> new AtomicLong()).incrementAndGet();
                    }
                } catch (IOException | InterruptedException | RuntimeException e) {
                    outcomes.computeIfAbsent("failure " + e, k -> new AtomicLong()).incrementAndGet();
                }
            }, "soak-" + c);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        long total = outcomes.values().stream().mapToLong(AtomicLong::get).sum();
        System.out.printf("soak: %d requests over %d connections in %d s (%.0f/s)%n",
                total, CONNECTIONS, seconds, total / (double) seconds);
        assertEquals(List.of("expected"), new ArrayList<>(outcomes.keySet()), outcomes.toString());

        long fdsAfter = waitForFileDescriptorsToSettle(fdsBefore);
        long heapAfter = usedHeapAfterGc();
        System.out.printf("soak: file descriptors %d -> %d, used heap %d MiB -> %d MiB%n",
                fdsBefore, fdsAfter, heapBefore >> 20, heapAfter >> 20);
        assertTrue(fdsAfter <= fdsBefore + 10, "file descriptors grew from " + fdsBefore + " to " + fdsAfter);
        assertTrue(heapAfter <= heapBefore + (64L << 20), "heap grew from " + heapBefore + " to " + heapAfter);
    }

    private static void warmUp(URI endpoint, byte[][] requests) throws IOException {
        try (RawHttp http = new RawHttp(endpoint)) {
            for (int i = 0; i < 300; i++) {
                http.send(requests[i % requests.length]).read();
            }
        }
    }

    private static long openFileDescriptors() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }

    /** Closed sockets are released by the event loops shortly after the clients go. */
    private static long waitForFileDescriptorsToSettle(long target) throws Exception {
        long fds = openFileDescriptors();
        for (int i = 0; i < 100 && fds > target + 10; i++) {
            Thread.sleep(100);
            fds = openFileDescriptors();
        }
        return fds;
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}
