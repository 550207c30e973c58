package dev.cloudjar.it;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How the modules may depend on each other, read from their sources: services meet only through
 * core (internal calls, deliveries, capabilities), so no service imports another; core imports no
 * service; only core's server package knows Netty.
 */
class LayeringTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern IMPORT = Pattern.compile("^import\\s+(?:static\\s+)?([\\w.]+)", Pattern.MULTILINE);
    /** Modules that are not services: core, and what assembles the services (the server, the JUnit extension). */
    private static final List<String> NOT_SERVICES = List.of("core", "server", "junit5");

    private static List<String> services() throws IOException {
        try (Stream<Path> modules = Files.list(ROOT)) {
            return modules.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("emulator-"))
                    .map(n -> n.substring("emulator-".length()))
                    .filter(n -> !NOT_SERVICES.contains(n))
                    .sorted().toList();
        }
    }

    /** "file: import" for each import of a main source file of the module that the rule refuses. */
    private static List<String> violations(String module, java.util.function.BiPredicate<Path, String> refused) throws IOException {
        Path sources = ROOT.resolve("emulator-" + module).resolve("src/main/java");
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".java"))::iterator) {
                Matcher m = IMPORT.matcher(Files.readString(file));
                while (m.find()) {
                    if (refused.test(file, m.group(1))) {
                        found.add(ROOT.relativize(file) + ": " + m.group(1));
                    }
                }
            }
        }
        return found;
    }

    @Test
    void noServiceImportsAnother() throws IOException {
        List<String> services = services();
        assertTrue(services.containsAll(List.of("s3", "sqs", "lambda", "dynamodb")), "services found: " + services);
        List<String> found = new ArrayList<>();
        for (String service : services) {
            found.addAll(violations(service, (file, imported) -> services.stream()
                    .anyMatch(other -> !other.equals(service) && imported.startsWith("dev.cloudjar." + other + "."))));
        }
        assertEquals(List.of(), found);
    }

    @Test
    void coreImportsNoService() throws IOException {
        List<String> services = services();
        assertEquals(List.of(), violations("core", (file, imported) ->
                services.stream().anyMatch(s -> imported.startsWith("dev.cloudjar." + s + "."))));
    }

    @Test
    void onlyCoresServerPackageKnowsNetty() throws IOException {
        List<String> found = new ArrayList<>();
        for (String module : Stream.concat(services().stream(), Stream.of("core")).toList()) {
            found.addAll(violations(module, (file, imported) -> imported.startsWith("io.netty.")
                    && !file.toString().contains("/dev/cloudjar/core/server/".replace('/', java.io.File.separatorChar))));
        }
        assertEquals(List.of(), found);
    }
}
