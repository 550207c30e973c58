package dev.cloudjar.cognito.auth;

import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SealerTest {
    record Value(String name, long number) {
    }

    private final Sealer sealer = new Sealer();

    @Test
    void sealedValueOpensToItself() {
        Value value = new Value("session", 42);
        assertEquals(Optional.of(value), sealer.open(sealer.seal(value), Value.class));
    }

    @Test
    void anythingNotSealedByThisSealerOpensToNothing() {
        Base64.Encoder b64 = Base64.getEncoder();
        assertEquals(Optional.empty(), sealer.open(b64.encodeToString(new byte[15]), Value.class));
        assertEquals(Optional.empty(), sealer.open(b64.encodeToString(new byte[28]), Value.class));
        assertEquals(Optional.empty(), sealer.open(b64.encodeToString(new byte[200]), Value.class));
        assertEquals(Optional.empty(), sealer.open("not base64!", Value.class));
        assertEquals(Optional.empty(), sealer.open(new Sealer().seal(new Value("other", 1)), Value.class));
    }
}
