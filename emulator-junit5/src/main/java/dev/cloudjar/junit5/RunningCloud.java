package dev.cloudjar.junit5;

import dev.cloudjar.core.server.CloudjarServer;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.net.URI;
import java.util.Optional;

/**
 * A server as the extension holds it for a test class: in the test's JVM, or in a child JVM.
 * Kept in JUnit's store, which closes it with the class context, even on failure.
 */
interface RunningCloud extends ExtensionContext.Store.CloseableResource {
    URI endpoint();

    /** Wipes all state, as {@code POST /_cloudjar/reset} does. */
    void reset();

    /** The server object, when it runs in this JVM. */
    Optional<CloudjarServer> inProcess();

    /** The default: the server runs in the test's JVM, from classes relocated apart from the test's own. */
    record InProcess(CloudjarServer server) implements RunningCloud {
        @Override
        public URI endpoint() {
            return URI.create(server.endpoint());
        }

        @Override
        public void reset() {
            server.reset();
        }

        @Override
        public Optional<CloudjarServer> inProcess() {
            return Optional.of(server);
        }

        @Override
        public void close() {
            server.close();
        }
    }
}
