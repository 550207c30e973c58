package dev.cloudjar.server;

import dev.cloudjar.core.server.CloudjarServer;

import java.time.Duration;

/**
 * The startup banner: version, endpoint, services, data directory. The JUnit extension's
 * separate-JVM mode learns the server's port from the {@code endpoint} line.
 */
final class Banner {
    private Banner() {
    }

    static String text(CloudjarServer server, Duration startup) {
        var config = server.config();
        return String.format("""
                Cloudjar %s ready in %d ms
                  endpoint    %s
                  services    %s
                  data dir    %s
                  signatures  %s
                  health      %s/_cloudjar/health
                """,
                CloudjarServer.version(), startup.toMillis(), server.endpoint(),
                String.join(", ", server.serviceNames()),
                config.dataDir() == null ? "none (state in memory)" : config.dataDir().toAbsolutePath(),
                config.verifySignatures() ? "verified (default credentials test/test)" : "not verified",
                server.endpoint());
    }
}
