package dev.cloudjar.core.auth;

import dev.cloudjar.core.config.CloudjarConfig;
import dev.cloudjar.core.spi.Principal;
import dev.cloudjar.core.spi.storage.StateStore;
import dev.cloudjar.core.state.MemoryStateStore;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

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

    @Test
    void keysExpiredForADayAreForgottenAndOthersKept() {
        Instant now = Instant.parse("2030-06-01T12:00:00Z");
        CredentialStore store = new CredentialStore(CloudjarConfig.defaults(), Clock.fixed(now, ZoneOffset.UTC), state);
        CredentialStore.Issuer sts = store.issuer("sts");
        CredentialStore.SigningCredential longGone = sts.issue("1", "arn:a", "u", now.minus(Duration.ofHours(25)));
        CredentialStore.SigningCredential justExpired = sts.issue("1", "arn:b", "u", now.minus(Duration.ofHours(1)));
        CredentialStore.SigningCredential valid = sts.issue("1", "arn:c", "u", now.plus(Duration.ofHours(1)));
        Principal lambdaPrincipal = new Principal("ASIALAMBDAENVIRON1", "1", "arn:d", "u", "token",
                now.minus(Duration.ofDays(2)));
        store.registerTemporary("ASIALAMBDAENVIRON1", "secret", lambdaPrincipal);
        for (int i = 0; i < 1200; i++) {
            sts.issue("1", "arn:many", "u", now.minus(Duration.ofDays(3)));
        }

        assertEquals(1202, store.purgeExpired());

        assertTrue(store.find(longGone.accessKeyId()).isEmpty());
        assertTrue(store.find("ASIALAMBDAENVIRON1").isEmpty());
        assertEquals(justExpired, store.find(justExpired.accessKeyId()).orElseThrow(), "still answered ExpiredToken");
        assertEquals(valid, store.find(valid.accessKeyId()).orElseThrow());
        assertEquals(2, state.keyspace("sts/temporary-credentials").size());
        assertEquals(0, store.purgeExpired());
    }

    private CredentialStore store() {
        return new CredentialStore(CloudjarConfig.defaults(), Clock.systemUTC(), state);
    }
}
