package dev.cloudjar.it.process;

import dev.cloudjar.it.fixtures.Processes;
import dev.cloudjar.it.fixtures.RawHttp;
import dev.cloudjar.it.fixtures.Signer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static dev.cloudjar.it.process.ServerJarTest.JAR;
import static dev.cloudjar.it.process.ServerJarTest.freePort;
import static dev.cloudjar.it.process.ServerJarTest.javaBinary;
import static dev.cloudjar.it.process.ServerJarTest.start;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a client can make the server hold, read as the server process's resident memory: gzip
 * bombs are measured, not inflated; bodies held open are spooled, not kept in memory. Each figure
 * once grew by gigabytes (1 GiB per bomb; 19 MiB per held connection). The bound, 64 MiB, is far
 * above the noise of a JVM's own growth and far below what the old behaviour took.
 */
class MemoryUnderAbuseTest {
    private static final long BOUND_KIB = 64 * 1024;

    private static byte[] gzipBomb() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 1024; i++) {
                gzip.write(zeros);
            }
        }
        return out.toByteArray();
    }

    private static byte[] dynamoDb(URI endpoint, byte[] body, String... headers) {
        SdkHttpRequest.Builder request = Signer.request(endpoint, SdkHttpMethod.POST, "/")
                .putHeader("X-Amz-Target", "DynamoDB_20120810.ListTables")
                .putHeader("Content-Type", "application/x-amz-json-1.0");
        for (int i = 0; i < headers.length; i += 2) {
            request.putHeader(headers[i], headers[i + 1]);
        }
        return Signer.sign(request.build(), body, "test", "test", "dynamodb").wire();
    }

    private static byte[] cognitoUnsigned(URI endpoint, byte[] body) {
        String head = "POST / HTTP/1.1\r\nHost: 127.0.0.1:" + endpoint.getPort() + "\r\n"
                + "X-Amz-Target: AWSCognitoIdentityProviderService.InitiateAuth\r\n"
                + "Content-Type: application/x-amz-json-1.1\r\nContent-Encoding: gzip\r\n"
                + "Content-Length: " + body.length + "\r\n\r\n";
        byte[] h = head.getBytes(StandardCharsets.US_ASCII);
        byte[] all = Arrays.copyOf(h, h.length + body.length);
        System.arraycopy(body, 0, all, h.length, body.length);
        return all;
    }

    private static long rssKib(Process process) throws IOException {
        return Processes.rssKib(process.pid());
    }

    @Test
    void gzipBombsAndBodiesHeldOpenDoNotGrowTheServersMemory() throws Exception {
        int port = freePort();
        URI endpoint = URI.create("http://127.0.0.1:" + port);
        byte[] bomb = gzipBomb();
        try (ServerJarTest.Started server = start(List.of(javaBinary(), "-jar", JAR.toString(), "--port",
                String.valueOf(port)))) {
            // Warm up the paths the abuse takes, so class loading is not counted as growth.
            try (RawHttp http = new RawHttp(endpoint)) {
                assertEquals(200, http.send(dynamoDb(endpoint, "{}".getBytes(StandardCharsets.UTF_8))).read().status());
            }
            long before = rssKib(server.process());

            for (int i = 0; i < 4; i++) {
                try (RawHttp http = new RawHttp(endpoint)) {
                    RawHttp.Reply signed = http.send(dynamoDb(endpoint, bomb, "Content-Encoding", "gzip")).read();
                    assertEquals(413, signed.status(), signed.text());
                }
                try (RawHttp http = new RawHttp(endpoint)) {
                    RawHttp.Reply unsigned = http.send(cognitoUnsigned(endpoint, bomb)).read();
                    assertEquals(413, unsigned.status(), unsigned.text());
                }
            }

            long afterBombs = rssKib(server.process()) - before;
            System.out.printf("RSS grew %d MiB after 8 gzip bombs%n", afterBombs / 1024);
            // Twenty clients send most of a signed 19 MiB body and then hold the connection open.
            byte[] large = new byte[19 << 20];
            Arrays.fill(large, (byte) ' ');
            large[0] = '{';
            large[large.length - 1] = '}';
            byte[] wire = dynamoDb(endpoint, large);
            List<Socket> held = new ArrayList<>();
            try {
                for (int i = 0; i < 20; i++) {
                    Socket socket = new Socket("127.0.0.1", port);
                    socket.getOutputStream().write(wire, 0, wire.length - 1024);
                    socket.getOutputStream().flush();
                    held.add(socket);
                }
                Thread.sleep(500);
                long grew = rssKib(server.process()) - before;
                System.out.printf("RSS %d MiB before, grew %d MiB after 8 gzip bombs and 20 held 19 MiB bodies%n", before / 1024, grew / 1024);
                assertTrue(grew < BOUND_KIB, "RSS grew by " + grew / 1024 + " MiB");
            } finally {
                for (Socket socket : held) {
                    socket.close();
                }
            }
        }
    }
}
