package dev.cloudjar.junit5;

import dev.cloudjar.core.config.CloudjarConfig;
import dev.cloudjar.core.server.CloudjarServer;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Starts and closes one throwaway server in the background as soon as JUnit's launcher session
 * opens. The first server in a JVM costs about 300 ms of class loading and static set-up (Netty,
 * the services); done here, that work runs beside test discovery on another core instead of
 * inside the first {@code @Cloudjar} class's start. Every later server starts in a few
 * milliseconds either way.
 *
 * <p>Registered through {@code META-INF/services}, so the launcher (Maven Surefire, Gradle, IDEs)
 * finds it whenever this module is on the test class path. Best effort: a failure here is
 * ignored, the test class's own start reports any real problem. Off with
 * {@code -Dcloudjar.junit.warmup=false}.
 */
public final class CloudjarWarmup implements LauncherSessionListener {
    static final String PROPERTY = "cloudjar.junit.warmup";

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        start();
    }

    /** The warm-up thread, or null when switched off. */
    Thread start() {
        // Nothing to warm when every server runs in a child JVM.
        if (!Boolean.parseBoolean(System.getProperty(PROPERTY, "true"))
                || Boolean.getBoolean(CloudjarExtension.SEPARATE_JVM_PROPERTY)) {
            return null;
        }
        Thread thread = new Thread(CloudjarWarmup::warmUp, "cloudjar-warmup");
        thread.setDaemon(true);
        // Low priority: on a busy machine discovery and the tests themselves come first.
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
        return thread;
    }

    static void warmUp() {
        try (CloudjarServer server = CloudjarServer.start(CloudjarConfig.builder().port(0).build())) {
            server.endpoint();
        } catch (RuntimeException | LinkageError ignored) {
            // Best effort, see the class comment.
        }
    }
}
