package dev.cloudjar.core.gateway;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HostNamesTest {
    private final HostNames loopback = HostNames.loopback();

    @Test
    void loopbackNamesAreAnswered() {
        assertTrue(loopback.answers("127.0.0.1:4566"));
        assertTrue(loopback.answers("127.1.2.3"));
        assertTrue(loopback.answers("localhost:4566"));
        assertTrue(loopback.answers("bucket.localhost:4566"), "S3 virtual-hosted style");
        assertTrue(loopback.answers("abc123.execute-api.localhost"));
        assertTrue(loopback.answers("[::1]:4566"));
        assertTrue(loopback.answers("LOCALHOST"));
    }

    /** DNS rebinding: the attacker's own name resolves to 127.0.0.1, so the Host header names it. */
    @Test
    void otherNamesAreNot() {
        assertFalse(loopback.answers("evil.example:4566"));
        assertFalse(loopback.answers("127.0.0.1.nip.io:4566"));
        assertFalse(loopback.answers("localhost.evil.example"));
        assertFalse(loopback.answers("127.0.0.1x"));
        assertFalse(loopback.answers(null));
        assertFalse(loopback.answers(""));
    }

    @Test
    void theBoundAddressAndNamesTheUserAddsAreAnswered() {
        HostNames hosts = new HostNames("192.168.1.5", List.of("cloudjar.test", "*.local.example"));
        assertTrue(hosts.answers("192.168.1.5:4566"));
        assertTrue(hosts.answers("cloudjar.test:4566"));
        assertTrue(hosts.answers("bucket.s3.local.example"));
        assertFalse(hosts.answers("local.example"), "*. stands for a subdomain");
        assertFalse(hosts.answers("evil.example"));
    }

    @Test
    void boundToEveryInterfaceAnyNameIsAnswered() {
        assertTrue(new HostNames("0.0.0.0", List.of()).answers("cloudjar:4566"));
        assertTrue(new HostNames("::", List.of()).answers("host.docker.internal"));
    }
}
