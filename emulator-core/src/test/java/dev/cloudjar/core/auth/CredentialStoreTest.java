package dev.cloudjar.core.auth;

import dev.cloudjar.core.config.CloudjarConfig;
import dev.cloudjar.core.spi.storage.StateStore;
import dev.cloudjar.core.state.MemoryStateStore;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CredentialStoreTest {
    private static final Instant EXPIRY = Instant.parse("2030-01-01T00:00:00Z");

    private final StateStore state = new MemoryStateStore();

    @Test
    void issuedCredentialsAreFoundByAStoreOverTheSameStateOnceItsIssuerIsBack() {
        CredentialStore.SigningCredential issued = store().issuer("sts")
                .issue("123456789012", "arn:aws:sts::123456789012:assumed-role/r/s", "AROAX:s", EXPIRY);

        CredentialStore restarted = store();
        assertTrue(restarted.find(issued.accessKeyId()).isEmpty());
        restarted.issuer("sts");

        assertEquals(issued, restarted.find(issued.accessKeyId()).orElseThrow());
    }

    @Test
    void droppingTheIssuersKeyspacesForgetsItsCredentials() {
        CredentialStore store = store();
        CredentialStore.SigningCredential sts = store.issuer("sts").issue("1", "arn:a", "u", EXPIRY);
        CredentialStore.SigningCredential identity = store.issuer("cognito-identity").issue("1", "arn:b", "v", EXPIRY);

        state.drop("sts/");

        assertTrue(store.find(sts.accessKeyId()).isEmpty());
        assertEquals(identity, store.find(identity.accessKeyId()).orElseThrow());
    }

    @Test
    void issuedKeysAreTemporaryAsAwsNamesThem() {
        CredentialStore.SigningCredential issued = store().issuer("sts").issue("1", "arn:a", "u", EXPIRY);

        assertTrue(issued.accessKeyId().matches("ASIA[A-Z2-7]{16}"));
        assertEquals(40, issued.secretAccessKey().length());
        assertTrue(issued.isTemporary());
        assertTrue(issued.isExpired(EXPIRY));
    }

    private CredentialStore store() {
        return new CredentialStore(CloudjarConfig.defaults(), Clock.systemUTC(), state);
    }
}
