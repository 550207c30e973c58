package com.example.orders;

import java.net.URI;
import java.util.HashSet;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Makes the four test classes meet: each one's {@code @BeforeAll} waits here until all four have their server
 * running, then again until all four have created their resources. A class can only pass while the other three are
 * inside their {@code @BeforeAll} at the same moment, on threads of their own, so the four servers really run
 * together; run one class alone, or with parallel execution off, and it fails after the timeout.
 */
final class AllAtOnce {
    static final int CLASSES = 4;
    private static final long TIMEOUT_SECONDS = 60;

    private static final CountDownLatch STARTED = new CountDownLatch(CLASSES);
    private static final CountDownLatch CREATED = new CountDownLatch(CLASSES);
    private static final Map<String, URI> ENDPOINTS = new ConcurrentHashMap<>();

    private AllAtOnce() {
    }

    /** Returns once every class's Cloudjar is up. */
    static void serverStarted(Class<?> testClass, URI endpoint) {
        assertNull(ENDPOINTS.putIfAbsent(testClass.getSimpleName(), endpoint), testClass + " started twice");
        STARTED.countDown();
        await(STARTED, "had their Cloudjar running");
    }

    /** Returns once every class has created its same-named resources, so each class then checks its own among four. */
    static void resourcesCreated() {
        CREATED.countDown();
        await(CREATED, "had created their resources");
    }

    static void assertFourServersOnFourEndpoints(Class<?> testClass, URI endpoint) {
        assertEquals(endpoint, ENDPOINTS.get(testClass.getSimpleName()));
        assertEquals(CLASSES, ENDPOINTS.size(), ENDPOINTS.toString());
        assertEquals(CLASSES, new HashSet<>(ENDPOINTS.values()).size(), "endpoints shared: " + ENDPOINTS);
    }

    private static void await(CountDownLatch latch, String what) {
        try {
            if (!latch.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                fail("after " + TIMEOUT_SECONDS + " s only " + (CLASSES - latch.getCount()) + " of " + CLASSES
                        + " test classes " + what + ": the classes do not run concurrently");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted while waiting for the other test classes", e);
        }
    }
}
