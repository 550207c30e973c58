package dev.cloudjar.junit5;

import dev.cloudjar.core.config.CloudjarConfig;
import dev.cloudjar.core.server.CloudjarServer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.jar.JarFile;

/**
 * The opt-in out-of-process mode: the same server started as {@code java -cp <this jar>
 * dev.cloudjar.server.Main} in a child JVM, for test JVMs where an in-process server cannot run
 * (a security manager, a module-path set-up). The child is told the test JVM's process id and
 * stops when it ends, so a killed test run leaves no server behind.
 */
final class ChildJvmCloud implements RunningCloud {
    private static final String MAIN = "dev.cloudjar.server.Main";
    private static final String ENDPOINT_LINE = "endpoint";
    private static final long START_TIMEOUT_SECONDS = 60;

    private final Process process;
    private final URI endpoint;

    private ChildJvmCloud(Process process, URI endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    static ChildJvmCloud start(CloudjarConfig config) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(classPath());
        command.add(MAIN);
        command.addAll(config.toArgs());
        command.add("--parent-pid=" + ProcessHandle.current().pid());
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start Cloudjar in a child JVM: " + String.join(" ", command), e);
        }
        CompletableFuture<URI> endpoint = new CompletableFuture<>();
        Thread output = new Thread(() -> forward(process, endpoint), "cloudjar-child-output");
        output.setDaemon(true);
        output.start();
        try {
            return new ChildJvmCloud(process, endpoint.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS));
        } catch (ExecutionException | TimeoutException e) {
            process.destroyForcibly();
            throw new IllegalStateException("Cloudjar's child JVM did not start: "
                    + (e instanceof TimeoutException ? "no endpoint after " + START_TIMEOUT_SECONDS + " s" : e.getCause().getMessage()), e);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while Cloudjar's child JVM started", e);
        }
    }

    /**
     * The jar this class came from when it holds the whole server (the published, shaded
     * artifact); otherwise, as when run from the repository's modules, this JVM's class path.
     */
    static String classPath() {
        try {
            Path own = Path.of(ChildJvmCloud.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isRegularFile(own)) {
                try (JarFile jar = new JarFile(own.toFile())) {
                    if (jar.getEntry(MAIN.replace('.', '/') + ".class") != null) {
                        return own.toString();
                    }
                }
            }
        } catch (URISyntaxException | IOException | SecurityException e) {
            // Fall back to the class path below.
        }
        return System.getProperty("java.class.path");
    }

    /** Copies the child's output to this JVM's standard error, where in-process logs go too, and reads the banner's endpoint. */
    private static void forward(Process process, CompletableFuture<URI> endpoint) {
        PrintStream err = System.err;
        StringBuilder early = new StringBuilder();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = lines.readLine()) != null; ) {
                err.println(line);
                if (!endpoint.isDone()) {
                    early.append(line).append('\n');
                    String trimmed = line.trim();
                    if (trimmed.startsWith(ENDPOINT_LINE + " ")) {
                        endpoint.complete(URI.create(trimmed.substring(ENDPOINT_LINE.length()).trim()));
                    }
                }
            }
        } catch (IOException e) {
            // The child is gone; the check below reports it if it never started.
        }
        endpoint.completeExceptionally(new IllegalStateException("it exited before serving; its output:\n" + early));
    }

    @Override
    public URI endpoint() {
        return endpoint;
    }

    @Override
    public void reset() {
        try {
            HttpURLConnection connection = (HttpURLConnection) endpoint.resolve("/_cloudjar/reset").toURL().openConnection();
            connection.setRequestMethod("POST");
            int status = connection.getResponseCode();
            connection.getInputStream().close();
            if (status != 200) {
                throw new IllegalStateException("Cloudjar reset answered HTTP " + status);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reset Cloudjar's child JVM at " + endpoint, e);
        }
    }

    @Override
    public Optional<CloudjarServer> inProcess() {
        return Optional.empty();
    }

    /** SIGTERM runs the child's shutdown hook (the server's orderly close); a child that hangs is killed. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
