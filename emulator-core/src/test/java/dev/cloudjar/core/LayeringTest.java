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
 * Layers point one way: only the server package knows Netty, only the H2 store knows SQL, and
 * nothing below the gateway knows the server. Checked on the sources of every module.
 */
class LayeringTest {
    private static final Path ROOT = Path.of("..");

    private static List<String> violations(String importPrefix, String allowedPackagePath) throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> modules = Files.list(ROOT)) {
            for (Path module : modules.filter(m -> Files.isDirectory(m.resolve("src/main/java"))).toList()) {
                try (Stream<Path> files = Files.walk(module.resolve("src/main/java"))) {
                    for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                        if (file.toString().replace('\\', '/').contains(allowedPackagePath)) {
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
    void onlyTheH2StoreImportsSqlOrH2() throws IOException {
        assertEquals(List.of(), violations("java.sql", "dev/cloudjar/core/state/h2/"));
        assertEquals(List.of(), violations("org.h2", "dev/cloudjar/core/state/h2/"));
    }
}
