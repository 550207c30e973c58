package dev.cloudjar.junit5;

import dev.cloudjar.core.server.CloudjarServer;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

/** Test classes run in parallel each get their own server, so their state never mixes. */
class ParallelClassesTest {
    static final Set<String> ENDPOINTS = ConcurrentHashMap.newKeySet();

    @Cloudjar
    static class First {
        @Test
        void recordsItsServer(CloudjarServer server) throws InterruptedException {
            ENDPOINTS.add(server.endpoint());
            Thread.sleep(200);
        }
    }

    @Cloudjar
    static class Second {
        @Test
        void recordsItsServer(CloudjarServer server) throws InterruptedException {
            ENDPOINTS.add(server.endpoint());
            Thread.sleep(200);
        }
    }

    @Cloudjar(resetBetweenTests = true)
    static class Resetting {
        @Test
        void startsClean(CloudjarServer server) {
            ENDPOINTS.add(server.endpoint());
        }
    }

    @Test
    void classesRunningInParallelGetSeparateServers() {
        LauncherDiscoveryRequest discovery = request()
                .selectors(selectClass(First.class), selectClass(Second.class), selectClass(Resetting.class))
                .configurationParameters(Map.of(
                        "junit.jupiter.execution.parallel.enabled", "true",
                        "junit.jupiter.execution.parallel.mode.classes.default", "concurrent"))
                .build();
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        launcher.execute(discovery, listener);
        assertEquals(3, listener.getSummary().getTestsSucceededCount(), listener.getSummary().getFailures().toString());
        assertEquals(3, ENDPOINTS.size(), ENDPOINTS.toString());
    }
}
