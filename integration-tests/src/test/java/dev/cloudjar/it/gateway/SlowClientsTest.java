package dev.cloudjar.it.gateway;

import dev.cloudjar.it.fixtures.Clients;
import dev.cloudjar.it.fixtures.RawHttp;
import dev.cloudjar.it.fixtures.Signer;
import dev.cloudjar.junit5.Cloudjar;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Clients that send slowly, stop sending, or send several requests at once cannot stop the server
 * from answering everyone else: a body is received in full before a worker thread sees it, a body
 * that stops arriving is answered with S3's RequestTimeout, an upload refused by its head is
 * answered before its body is sent, pipelined requests are answered in order, and a client that
 * stops reading a streamed response holds no thread. Eight workers,
 * so that holding a thread per slow client would show at once.
 */
@Cloudjar(options = {"worker-threads=8", "request-timeout-seconds=3"})
class SlowClientsTest {
    private static final int SLOW_CLIENTS = 100;

    /** The head of a signed 1 MiB PutObject whose body the caller sends (or not) itself. */
    private static byte[] putHead(URI endpoint, String bucket, String key, int length, String extraHeader) {
        SdkHttpRequest.Builder request = Signer.request(endpoint, SdkHttpMethod.PUT, "/" + bucket + "/" + key)
                .putHeader("x-amz-content-sha256", "UNSIGNED-PAYLOAD")
                .putHeader("Content-Length", Integer.toString(length));
        byte[] wire = Signer.sign(request.build(), new byte[0], "test", "test", "s3").wire();
        String head = new String(wire, StandardCharsets.ISO_8859_1);
        if (extraHeader != null) {
            head = head.replace("\r\n\r\n", "\r\n" + extraHeader + "\r\n\r\n");
        }
        return head.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void aHundredSlowUploadsLeaveHealthChecksAndReadsAnswering(URI endpoint) throws Exception {
        byte[] content = "answered while others dawdle".getBytes(StandardCharsets.UTF_8);
        List<Socket> slow = new ArrayList<>();
        try (S3Client s3 = Clients.s3(endpoint)) {
            s3.createBucket(b -> b.bucket("slow"));
            s3.putObject(b -> b.bucket("slow").key("ready"), RequestBody.fromBytes(content));
            for (int i = 0; i < SLOW_CLIENTS; i++) {
                Socket socket = new Socket(endpoint.getHost(), endpoint.getPort());
                socket.getOutputStream().write(putHead(endpoint, "slow", "big-" + i, 1024 * 1024, null));
                slow.add(socket);
            }
            // Two seconds of one byte a second from every slow client, then the others ask.
            for (int second = 0; second < 2; second++) {
                for (Socket socket : slow) {
                    socket.getOutputStream().write('x');
                    socket.getOutputStream().flush();
                }
                Thread.sleep(1000);
            }
            for (int i = 0; i < 5; i++) {
                long started = System.nanoTime();
                assertEquals(200, status(endpoint.resolve("/_cloudjar/health")));
                assertArrayEquals(content, s3.getObjectAsBytes(b -> b.bucket("slow").key("ready")).asByteArray());
                long millis = (System.nanoTime() - started) / 1_000_000;
                // Not a timing assertion on speed: without this work these calls never answer at all
                // while the uploads last, so a second is a generous bound for "answered".
                assertTrue(millis < 1000, "health check and GetObject took " + millis + " ms");
                for (Socket socket : slow) {
                    socket.getOutputStream().write('x');
                }
            }
        } finally {
            for (Socket socket : slow) {
                socket.close();
            }
        }
    }

    @Test
    void aBodyThatStopsArrivingIsAnsweredWithRequestTimeoutAndTheConnectionCloses(URI endpoint) throws Exception {
        try (S3Client s3 = Clients.s3(endpoint); RawHttp http = new RawHttp(endpoint)) {
            s3.createBucket(b -> b.bucket("stalled"));
            http.send(putHead(endpoint, "stalled", "never", 1000, null)).send("only forty bytes of a thousand.........");
            RawHttp.Reply reply = http.read();
            assertEquals(400, reply.status());
            assertTrue(reply.text().contains("<Code>RequestTimeout</Code>"), reply.text());
            assertTrue(http.isClosedByServer());
            assertEquals(0, s3.listObjectsV2(b -> b.bucket("stalled")).keyCount(), "nothing was stored");
        }
    }

    @Test
    void anUploadWithABadSignatureIsRefusedBeforeItsBodyIsSent(URI endpoint) throws Exception {
        try (S3Client s3 = Clients.s3(endpoint); RawHttp http = new RawHttp(endpoint)) {
            s3.createBucket(b -> b.bucket("refusing"));
            byte[] head = putHead(endpoint, "refusing", "k", 10 * 1024 * 1024, "Expect: 100-continue");
            String tampered = new String(head, StandardCharsets.ISO_8859_1).replace("Signature=", "Signature=0");
            // Only the head goes out: the answer must come without the 10 MiB ever being sent.
            RawHttp.Reply reply = http.send(tampered).read();
            assertEquals(403, reply.status());
            assertTrue(reply.text().contains("SignatureDoesNotMatch"), reply.text());
        }
    }

    @Test
    void pipelinedRequestsAreAllAnsweredInOrder(URI endpoint) throws Exception {
        try (S3Client s3 = Clients.s3(endpoint)) {
            s3.createBucket(b -> b.bucket("pipelined"));
            s3.putObject(b -> b.bucket("pipelined").key("a"), RequestBody.fromString("first"));
            s3.putObject(b -> b.bucket("pipelined").key("b"), RequestBody.fromString("second!"));
        }
        byte[] a = Signer.sign(Signer.request(endpoint, SdkHttpMethod.GET, "/pipelined/a").build(), new byte[0],
                "test", "test", "s3").wire();
        byte[] b = Signer.sign(Signer.request(endpoint, SdkHttpMethod.GET, "/pipelined/b").build(), new byte[0],
                "test", "test", "s3").wire();
        byte[] health = ("GET /_cloudjar/health HTTP/1.1\r\nHost: 127.0.0.1:" + endpoint.getPort() + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] all = concat(a, health, b, a);
        try (RawHttp http = new RawHttp(endpoint)) {
            http.send(all);
            assertEquals("first", http.read().text());
            assertTrue(http.read().text().contains("\"status\":\"running\""));
            assertEquals("second!", http.read().text());
            assertEquals("first", http.read().text());
        }
    }

    @Test
    void clientsThatStopReadingAStreamedObjectHoldNoWorker(URI endpoint) throws Exception {
        // A multipart object whose last part is small is sent as a stream (its small part shares a
        // pack file): the copy must stop when a client stops reading, not wait on a worker thread.
        byte[] small = "answered while others stop reading".getBytes(StandardCharsets.UTF_8);
        List<Socket> stalled = new ArrayList<>();
        try (S3Client s3 = Clients.s3(endpoint)) {
            s3.createBucket(b -> b.bucket("streamed"));
            s3.putObject(b -> b.bucket("streamed").key("ready"), RequestBody.fromBytes(small));
            String uploadId = s3.createMultipartUpload(b -> b.bucket("streamed").key("big")).uploadId();
            String first = s3.uploadPart(b -> b.bucket("streamed").key("big").uploadId(uploadId).partNumber(1),
                    RequestBody.fromBytes(new byte[16 * 1024 * 1024])).eTag();
            String last = s3.uploadPart(b -> b.bucket("streamed").key("big").uploadId(uploadId).partNumber(2),
                    RequestBody.fromBytes(new byte[1024])).eTag();
            s3.completeMultipartUpload(b -> b.bucket("streamed").key("big").uploadId(uploadId)
                    .multipartUpload(u -> u.parts(p -> p.partNumber(1).eTag(first), p -> p.partNumber(2).eTag(last))));
            byte[] get = Signer.sign(Signer.request(endpoint, SdkHttpMethod.GET, "/streamed/big").build(), new byte[0],
                    "test", "test", "s3").wire();
            // Twice as many readers as workers, each with a small window and never reading.
            for (int i = 0; i < 16; i++) {
                Socket socket = new Socket();
                socket.setReceiveBufferSize(8 * 1024);
                socket.connect(new java.net.InetSocketAddress(endpoint.getHost(), endpoint.getPort()));
                socket.getOutputStream().write(get);
                stalled.add(socket);
            }
            Thread.sleep(1000);
            for (int i = 0; i < 5; i++) {
                long started = System.nanoTime();
                assertArrayEquals(small, s3.getObjectAsBytes(b -> b.bucket("streamed").key("ready")).asByteArray());
                long millis = (System.nanoTime() - started) / 1_000_000;
                // Not a timing assertion on speed: with a worker held per stalled reader this call never answers.
                assertTrue(millis < 1000, "GetObject took " + millis + " ms");
            }
            // A reader that does read gets the whole object.
            byte[] whole = s3.getObjectAsBytes(b -> b.bucket("streamed").key("big")).asByteArray();
            assertEquals(16 * 1024 * 1024 + 1024, whole.length);
        } finally {
            for (Socket socket : stalled) {
                socket.close();
            }
        }
    }

    private static byte[] concat(byte[]... parts) {
        int length = Arrays.stream(parts).mapToInt(p -> p.length).sum();
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }

    private static int status(URI uri) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
        connection.setConnectTimeout(5000);
        connection.setReadTimeout(5000);
        try (InputStream in = connection.getInputStream()) {
            in.readAllBytes();
            return connection.getResponseCode();
        } finally {
            connection.disconnect();
        }
    }
}
