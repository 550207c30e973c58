package dev.cloudjar.core;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Layers point one way, checked on the main sources of every module: only the server package
 * knows Netty; services reach storage through the SPI, never its implementations, and never the
 * server; only a state store module (emulator-state-*, which implements the SPI and shares core's
 * store rules) speaks SQL.
 */
class LayeringTest {
    private static final Path ROOT = Path.of("..");

    /** Import lines starting with {@code importPrefix} in files whose path contains none of {@code allowed}. */
    private static List<String> violations(String importPrefix, String... allowed) throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> modules = Files.list(ROOT)) {
            for (Path module : modules.filter(m -> Files.isDirectory(m.resolve("src/main/java"))).toList()) {
                try (Stream<Path> files = Files.walk(module.resolve("src/main/java"))) {
                    for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                        String path = file.toString().replace('\\', '/');
                        if (Stream.of(allowed).anyMatch(path::contains)) {
                            continue;
                        }
                        for (String line : Files.readAllLines(file)) {
                            if (line.startsWith("import " + importPrefix)) {
                                found.add(ROOT.relativize(file) + ": " + line);
                            }
                        }
                    }
                }
            }
        }
        return found;
    }

    @Test
    void onlyTheServerPackageImportsNetty() throws IOException {
        assertEquals(List.of(), violations("io.netty", "dev/cloudjar/core/server/"));
    }

    @Test
    void servicesUseStorageThroughTheSpiAndNeverTheServer() throws IOException {
        assertEquals(List.of(), violations("dev.cloudjar.core.state", "emulator-core/", "emulator-state-"));
        assertEquals(List.of(), violations("dev.cloudjar.core.server", "emulator-core/", "emulator-server/",
                "emulator-junit5/"));
    }

    @Test
    void onlyStateStoresSpeakSql() throws IOException {
        assertEquals(List.of(), violations("java.sql", "emulator-state-"));
    }
}
