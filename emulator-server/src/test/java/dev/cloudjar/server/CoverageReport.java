package dev.cloudjar.server;

import dev.cloudjar.core.config.CloudjarConfig;
import dev.cloudjar.core.server.CloudjarServer;
import dev.cloudjar.core.server.ServiceCoverage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * docs/COVERAGE.md, generated from the services of the shipped server (this module's class path
 * holds every service module and no test services): per service, which of its model's operations
 * are implemented, in the manner of moto's IMPLEMENTATION_COVERAGE.md. {@link CoverageReportTest}
 * fails when the committed file differs from what this renders, and rewrites it when asked
 * ({@link #REGENERATE}).
 */
final class CoverageReport {
    /** Relative to this module, where Maven runs its tests. */
    static final Path FILE = Path.of("..", "docs", "COVERAGE.md");
    static final String REGENERATE = "mvn -q verify -pl emulator-server -am -Dtest=CoverageReportTest "
            + "-Dsurefire.failIfNoSpecifiedTests=false -Dcloudjar.coverage.write=true";

    private CoverageReport() {
    }

    static String generate() {
        try (CloudjarServer server = CloudjarServer.start(CloudjarConfig.builder().port(0).build())) {
            return render(server.services());
        }
    }

    static void write(Path file, String report) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, report, StandardCharsets.UTF_8);
    }

    static String render(List<ServiceCoverage> services) {
        StringBuilder out = new StringBuilder("""
                # Implementation coverage

                Which operations of each service's model Cloudjar implements. An operation that is not
                implemented answers the protocol's not-implemented error. Generated, do not edit:
                `%s`

                | Service | Protocol | Implemented |
                |---|---|---|
                """.formatted(REGENERATE));
        for (ServiceCoverage s : services) {
            out.append("| ").append(s.name()).append(" | ").append(protocols(s)).append(" | ")
                    .append(summary(s)).append(" |\n");
        }
        for (ServiceCoverage s : services) {
            out.append("\n## ").append(s.name()).append("\n\n");
            s.modelOperations().stream().sorted().forEach(op ->
                    out.append("- [").append(s.implemented().contains(op) ? "x" : " ").append("] ").append(op).append('\n'));
        }
        return out.toString();
    }

    private static String protocols(ServiceCoverage s) {
        StringBuilder names = new StringBuilder(traitName(s.descriptor().protocol().traitId()));
        s.descriptor().alternateProtocols().forEach(p -> names.append(", ").append(traitName(p.traitId())));
        return names.toString();
    }

    private static String traitName(String traitId) {
        return traitId.substring(traitId.indexOf('#') + 1);
    }

    private static String summary(ServiceCoverage s) {
        int total = s.modelOperations().size();
        long implemented = s.modelOperations().stream().filter(s.implemented()::contains).count();
        return implemented + " of " + total + " (" + (total == 0 ? 0 : Math.round(100.0 * implemented / total)) + "%)";
    }
}
