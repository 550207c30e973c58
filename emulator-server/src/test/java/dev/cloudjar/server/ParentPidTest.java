package dev.cloudjar.server;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** --parent-pid: a server started for a test JVM (the extension's separate-JVM mode) ends with it. */
class ParentPidTest {
    @Test
    void theServerStopsWhenTheNamedProcessEnds() throws Exception {
        // A stand-in parent: any process whose end we control.
        Process parent = new ProcessBuilder(javaCommand(), "-cp", System.getProperty("java.class.path"),
                SleepForever.class.getName()).start();
        Process server = new ProcessBuilder(javaCommand(), "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "--port=0", "--parent-pid=" + parent.pid())
                .redirectErrorStream(true).start();
        try {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                do {
                    line = out.readLine();
                } while (line != null && !line.trim().startsWith("endpoint"));
                assertTrue(line != null, "the server started");
                assertTrue(server.isAlive(), "the server runs while its parent does");

                parent.destroyForcibly().waitFor();

                assertTrue(server.waitFor(20, TimeUnit.SECONDS), "the server stopped after its parent ended");
            }
        } finally {
            parent.destroyForcibly();
            server.destroyForcibly();
        }
    }

    private static String javaCommand() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The stand-in parent's main. */
    public static final class SleepForever {
        public static void main(String[] args) throws InterruptedException {
            Thread.sleep(Long.MAX_VALUE);
        }
    }
}
