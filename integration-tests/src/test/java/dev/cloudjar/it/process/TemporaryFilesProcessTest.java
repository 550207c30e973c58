package dev.cloudjar.it.process;

import dev.cloudjar.it.fixtures.Clients;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A server killed with {@code kill -9} cannot delete its temporary directories; the next start
 * does. Each server here gets its own {@code java.io.tmpdir}, so the test sees only what its
 * servers leave.
 */
class TemporaryFilesProcessTest {

    private static ServerJarTest.Started server(int port, Path tmp, String... extra) throws Exception {
        List<String> command = new ArrayList<>(List.of(ServerJarTest.javaBinary(), "-Xmx128m",
                "-Djava.io.tmpdir=" + tmp, "-jar", ServerJarTest.JAR.toString(), "--port", String.valueOf(port)));
        command.addAll(List.of(extra));
        return ServerJarTest.start(command);
    }

    /** Cloudjar's directories in a temporary directory (the JVM and its libraries may add their own). */
    private static Set<String> entries(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("cloudjar-"))
                    .collect(Collectors.toSet());
        }
    }

    private static void killed(ServerJarTest.Started server) throws InterruptedException {
        server.process().destroyForcibly();
        server.process().waitFor();
    }

    @Test
    void anInMemoryServerKilledWithKill9LeavesItsTemporaryDirectoriesOnlyUntilTheNextStart(@TempDir Path tmp)
            throws Exception {
        int port = ServerJarTest.freePort();
        ServerJarTest.Started first = server(port, tmp);
        try (S3Client s3 = Clients.s3(URI.create("http://127.0.0.1:" + port))) {
            s3.createBucket(b -> b.bucket("scratch"));
            s3.putObject(b -> b.bucket("scratch").key("k"), RequestBody.fromString("a blob on disk"));
        } finally {
            killed(first);
        }
        Set<String> left = entries(tmp);
        assertTrue(left.stream().anyMatch(n -> n.startsWith("cloudjar-storage")), "the killed run's blobs: " + left);
        assertTrue(left.stream().anyMatch(n -> n.startsWith("cloudjar-lambda")), "the killed run's Lambda dir: " + left);

        try (ServerJarTest.Started server = server(port, tmp)) {
            Set<String> second = entries(tmp);
            assertTrue(second.stream().noneMatch(left::contains), "swept at start: before " + left + ", now " + second);
            assertEquals(2, second.size(), "only the running server's own: " + second);
            try (ServerJarTest.Started third = server(ServerJarTest.freePort(), tmp)) {
                assertTrue(entries(tmp).containsAll(second), "a live server's directories are not swept by another");
                assertEquals(4, entries(tmp).size());
            }
        }
        assertEquals(Set.of(), entries(tmp), "a server stopped normally deletes its own");
    }

    @Test
    void aServerKilledWithKill9LeavesNothingInItsDataDirsScratchPastTheNextStart(@TempDir Path tmp, @TempDir Path data)
            throws Exception {
        int port = ServerJarTest.freePort();
        killed(server(port, tmp, "--data-dir", data.toString()));
        assertTrue(Files.isDirectory(data.resolve("scratch").resolve("lambda")), "Lambda's scratch is in the data dir");
        // What a killed run was writing when it died, as Lambda leaves unpacked code mid-write.
        Path stray = Files.createDirectories(data.resolve("scratch").resolve("lambda").resolve("tasks").resolve("torn"));
        Files.writeString(stray.resolve("index.js"), "exports.handler = async () =>");

        try (ServerJarTest.Started server = server(port, tmp, "--data-dir", data.toString())) {
            assertFalse(Files.exists(stray), "the killed run's files are gone");
            assertTrue(Files.isDirectory(data.resolve("scratch").resolve("lambda")));
            assertEquals(Set.of(), entries(tmp), "nothing of a data-dir server goes to java.io.tmpdir");
        }
    }
}
