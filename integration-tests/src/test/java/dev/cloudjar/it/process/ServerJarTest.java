package dev.cloudjar.it.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The runnable jar as users and the Docker image start it. */
class ServerJarTest {
    static final Path JAR = Path.of("..", "emulator-server", "target", "cloudjar.jar");
    static final Path DOCKERFILE = Path.of("..", "docker", "Dockerfile");
    static final ObjectMapper JSON = new ObjectMapper();

    /** A started jar and the banner it printed. */
    record Started(Process process, String banner) implements AutoCloseable {
        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static Started start(List<String> command) throws IOException {
        assertTrue(Files.exists(JAR), "build the jar first: " + JAR.toAbsolutePath());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder banner = new StringBuilder();
        String line;
        while ((line = out.readLine()) != null) {
            banner.append(line).append('\n');
            if (line.trim().startsWith("health")) {
                break;
            }
        }
        // Keep draining so the process never blocks on a full pipe.
        Thread drain = new Thread(() -> {
            try {
                out.transferTo(java.io.Writer.nullWriter());
            } catch (IOException ignored) {
                // the process ended
            }
        });
        drain.setDaemon(true);
        drain.start();
        return new Started(process, banner.toString());
    }

    static JsonNode health(int port) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/_cloudjar/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        return JSON.readTree(response.body());
    }

    @Test
    void jarPrintsTheBannerAndAnswersHealth() throws Exception {
        int port = freePort();
        try (Started server = start(List.of(javaBinary(), "-jar", JAR.toString(), "--port", String.valueOf(port)))) {
            assertTrue(server.banner().contains("Cloudjar "), server.banner());
            assertTrue(server.banner().contains("http://127.0.0.1:" + port), server.banner());
            assertTrue(server.banner().contains("sts"), server.banner());
            JsonNode health = health(port);
            assertEquals("running", health.get("status").asText());
            assertTrue(health.get("services").has("sts"));
        }
    }

    @Test
    void helpListsEveryOptionWithItsEnvironmentVariable() throws Exception {
        Process process = new ProcessBuilder(javaBinary(), "-jar", JAR.toString(), "--help").redirectErrorStream(true).start();
        String help = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor());
        for (String flag : List.of("--host", "--port", "--data-dir", "--verify-signatures", "--log-level")) {
            assertTrue(help.contains(flag), help);
        }
        assertTrue(help.contains("CLOUDJAR_FOO_BAR"), help);
    }

    @Test
    void badOptionExitsWithAClearMessage() throws Exception {
        Process process = new ProcessBuilder(javaBinary(), "-jar", JAR.toString(), "--port", "seventy")
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(2, process.waitFor());
        assertTrue(output.contains("--port takes a number"), output);
    }

    /** Issue #18: a typo must not start a server that ignores it (--data-dri would keep everything in memory). */
    @Test
    void anUnknownOptionOrVariableExits2NamingTheClosestKnownOne() throws Exception {
        Process flag = new ProcessBuilder(javaBinary(), "-jar", JAR.toString(), "--data-dri", "/tmp/x")
                .redirectErrorStream(true).start();
        String output = new String(flag.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(2, flag.waitFor());
        assertEquals("cloudjar: unknown option --data-dri (did you mean --data-dir? see --help)\n", output);

        ProcessBuilder builder = new ProcessBuilder(javaBinary(), "-jar", JAR.toString(), "--port", "0")
                .redirectErrorStream(true);
        builder.environment().put("CLOUDJAR_LOGLEVEL", "debug");
        Process variable = builder.start();
        output = new String(variable.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(2, variable.waitFor());
        assertEquals("cloudjar: unknown environment variable CLOUDJAR_LOGLEVEL (did you mean CLOUDJAR_LOG_LEVEL?"
                + " see --help)\n", output);
    }

    @Test
    void aPortInUseIsOneLineAndExitCode1() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            Process process = new ProcessBuilder(javaBinary(), "-jar", JAR.toString(), "--port",
                    String.valueOf(taken.getLocalPort())).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(1, process.waitFor());
            assertEquals("cloudjar: port " + taken.getLocalPort() + " on 127.0.0.1 is in use; choose another with --port"
                    + " (or CLOUDJAR_PORT), or --port 0 for any free one\n", output);
        }
    }

    /**
     * No Docker engine runs here, so the image's command line is checked instead: the jar is
     * started with exactly the Dockerfile's ENTRYPOINT and CMD, with the image's paths and port
     * mapped to this machine's.
     */
    @Test
    void dockerfileCommandLineStartsAHealthyServer(@TempDir Path data) throws Exception {
        String dockerfile = Files.readString(DOCKERFILE);
        List<String> entrypoint = jsonArray(dockerfile, "ENTRYPOINT");
        List<String> cmd = jsonArray(dockerfile, "CMD");
        assertTrue(dockerfile.contains("EXPOSE 4566"), "the image exposes 4566");
        assertTrue(dockerfile.contains("VOLUME /data"), "the image declares its data volume");
        assertTrue(dockerfile.contains("HEALTHCHECK") && dockerfile.contains("/_cloudjar/health"));
        assertTrue(dockerfile.contains("USER cloudjar"), "the image runs as a non-root user");
        int port = freePort();
        List<String> command = new ArrayList<>();
        for (String arg : concat(entrypoint, cmd)) {
            command.add(switch (arg) {
                case "java" -> javaBinary();
                case "/opt/cloudjar/cloudjar.jar" -> JAR.toString();
                case "/data" -> data.toString();
                case "4566" -> String.valueOf(port);
                default -> arg;
            });
        }
        assertTrue(command.contains("0.0.0.0"), "the container binds all interfaces: " + command);
        try (Started server = start(command)) {
            JsonNode health = health(port);
            assertEquals("running", health.get("status").asText());
            assertEquals(data.toAbsolutePath().toString(), health.get("dataDir").asText());
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static List<String> jsonArray(String dockerfile, String instruction) throws IOException {
        Matcher m = Pattern.compile("(?m)^" + instruction + "\\s+(\\[.*])\\s*$").matcher(dockerfile);
        assertTrue(m.find(), instruction + " in exec form");
        List<String> values = new ArrayList<>();
        JSON.readTree(m.group(1)).forEach(n -> values.add(n.asText()));
        return values;
    }

    static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
