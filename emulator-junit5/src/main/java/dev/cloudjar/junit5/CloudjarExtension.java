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
 * classes share their enclosing class's server. The server runs in the test's JVM unless
 * {@link Cloudjar#separateJvm()} (or {@code -Dcloudjar.junit.separate-jvm=true}) asks for a child JVM.
 */
public final class CloudjarExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(CloudjarExtension.class);
    private static final String SERVER = "server";
    static final String SEPARATE_JVM_PROPERTY = "cloudjar.junit.separate-jvm";

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

    private record Settings(boolean resetBetweenTests, boolean separateJvm, CloudjarConfig config) {
        RunningCloud start() {
            return separateJvm || Boolean.getBoolean(SEPARATE_JVM_PROPERTY)
                    ? ChildJvmCloud.start(config)
                    : new RunningCloud.InProcess(CloudjarServer.start(config));
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (findCloud(context).isEmpty()) {
            context.getStore(NAMESPACE).put(SERVER, settings(context).start());
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        // The store closes the server when the class context that created it ends.
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (settings(context).resetBetweenTests()) {
            cloud(context).reset();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == URI.class || type == CloudjarServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        RunningCloud cloud = cloud(context);
        if (parameter.getParameter().getType() == URI.class) {
            return cloud.endpoint();
        }
        return cloud.inProcess().orElseThrow(() -> new ParameterResolutionException(
                "Cloudjar runs in a separate JVM here, so there is no CloudjarServer object to inject: take the URI endpoint"));
    }

    private static Optional<RunningCloud> findCloud(ExtensionContext context) {
        return Optional.ofNullable(context.getStore(NAMESPACE).get(SERVER, RunningCloud.class));
    }

    private static RunningCloud cloud(ExtensionContext context) {
        return findCloud(context).orElseThrow(() -> new ParameterResolutionException(
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
            return new Settings(false, false, config.build());
        }
        config.verifySignatures(annotation.verifySignatures());
        for (String option : annotation.options()) {
            int eq = option.indexOf('=');
            config.setting(eq < 0 ? option : option.substring(0, eq), eq < 0 ? "true" : option.substring(eq + 1));
        }
        return new Settings(annotation.resetBetweenTests(), annotation.separateJvm(), config.build());
    }

    public static final class Builder {
        private boolean resetBetweenTests;
        private boolean separateJvm;
        private final CloudjarConfig.Builder config = CloudjarConfig.builder().port(0);

        public Builder resetBetweenTests(boolean reset) {
            this.resetBetweenTests = reset;
            return this;
        }

        /** As {@link Cloudjar#separateJvm()}: the server in a child JVM. */
        public Builder separateJvm(boolean separate) {
            this.separateJvm = separate;
            return this;
        }

        /** Adjusts the server's configuration (port 0, a random free port, unless set here). */
        public Builder configure(Consumer<CloudjarConfig.Builder> changes) {
            changes.accept(config);
            return this;
        }

        public CloudjarExtension build() {
            return new CloudjarExtension(new Settings(resetBetweenTests, separateJvm, config.build()));
        }
    }
}
