package dev.cloudjar.junit5;

import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.LauncherSessionListener;

import java.util.ServiceLoader;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CloudjarWarmupTest {
    @Test
    void theLauncherFindsTheWarmUp() {
        assertTrue(ServiceLoader.load(LauncherSessionListener.class).stream()
                .anyMatch(p -> p.type() == CloudjarWarmup.class));
    }

    @Test
    void warmUpStartsAndClosesAServerInTheBackground() throws InterruptedException {
        Thread thread = new CloudjarWarmup().start();
        assertNotNull(thread);
        assertTrue(thread.isDaemon());
        thread.join(30_000);
        assertFalse(thread.isAlive(), "warm-up did not finish");
    }

    @Test
    void warmUpCanBeSwitchedOff() {
        String before = System.getProperty(CloudjarWarmup.PROPERTY);
        System.setProperty(CloudjarWarmup.PROPERTY, "false");
        try {
            assertNull(new CloudjarWarmup().start());
        } finally {
            if (before == null) {
                System.clearProperty(CloudjarWarmup.PROPERTY);
            } else {
                System.setProperty(CloudjarWarmup.PROPERTY, before);
            }
        }
    }
}
