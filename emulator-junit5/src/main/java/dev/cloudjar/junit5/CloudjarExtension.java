package dev.cloudjar.junit5;

import dev.cloudjar.core.config.CloudjarConfig;
import dev.cloudjar.core.server.CloudjarServer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

import java.net.URI;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The JUnit 5 extension behind {@link Cloudjar}; also usable directly for options in code:
 *
 * <pre>{@code
 * @RegisterExtension
 * static CloudjarExtension cloud = CloudjarExtension.builder()
 *         .resetBetweenTests(true)
 *         .configure(c -> c.option("dynamodb-eventual-lag-ms", "200"))
 *         .build();
 * }</pre>
 *
 * Each test class gets its own server, so classes running in parallel never share state; nested
 * classes share their enclosing class's server.
 */
public final class CloudjarExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(CloudjarExtension.class);
    private static final String SERVER = "server";

    private final Settings explicit;

    /** Used by {@code @Cloudjar}: settings come from the annotation. */
    public CloudjarExtension() {
        this.explicit = null;
    }

    private CloudjarExtension(Settings settings) {
        this.explicit = settings;
    }

    public static Builder builder() {
        return new Builder();
    }

    private record Settings(boolean resetBetweenTests, CloudjarConfig config) {
    }

    /** Keeps the server in JUnit's store so it is closed with the class context, even on failure. */
    private record ServerResource(CloudjarServer server) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            server.close();
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (findServer(context).isEmpty()) {
            Settings settings = settings(context);
            context.getStore(NAMESPACE).put(SERVER, new ServerResource(CloudjarServer.start(settings.config())));
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        // The store closes the server when the class context that created it ends.
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (settings(context).resetBetweenTests()) {
            server(context).reset();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == URI.class || type == CloudjarServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        CloudjarServer server = server(context);
        Class<?> type = parameter.getParameter().getType();
        return type == URI.class ? URI.create(server.endpoint()) : server;
    }

    private static Optional<CloudjarServer> findServer(ExtensionContext context) {
        ServerResource resource = context.getStore(NAMESPACE).get(SERVER, ServerResource.class);
        return Optional.ofNullable(resource).map(ServerResource::server);
    }

    private static CloudjarServer server(ExtensionContext context) {
        return findServer(context).orElseThrow(() -> new ParameterResolutionException(
                "no Cloudjar server: annotate the test class with @Cloudjar or register CloudjarExtension statically"));
    }

    private Settings settings(ExtensionContext context) {
        if (explicit != null) {
            return explicit;
        }
        Cloudjar annotation = context.getTestClass()
                .flatMap(c -> AnnotationSupport.findAnnotation(c, Cloudjar.class))
                .orElse(null);
        CloudjarConfig.Builder config = CloudjarConfig.builder().port(0);
        if (annotation == null) {
            return new Settings(false, config.build());
        }
        config.verifySignatures(annotation.verifySignatures());
        for (String option : annotation.options()) {
            int eq = option.indexOf('=');
            config.option(eq < 0 ? option : option.substring(0, eq), eq < 0 ? "true" : option.substring(eq + 1));
        }
        return new Settings(annotation.resetBetweenTests(), config.build());
    }

    public static final class Builder {
        private boolean resetBetweenTests;
        private final CloudjarConfig.Builder config = CloudjarConfig.builder().port(0);

        public Builder resetBetweenTests(boolean reset) {
            this.resetBetweenTests = reset;
            return this;
        }

        /** Adjusts the server's configuration (port 0, a random free port, unless set here). */
        public Builder configure(Consumer<CloudjarConfig.Builder> changes) {
            changes.accept(config);
            return this;
        }

        public CloudjarExtension build() {
            return new CloudjarExtension(new Settings(resetBetweenTests, config.build()));
        }
    }
}
