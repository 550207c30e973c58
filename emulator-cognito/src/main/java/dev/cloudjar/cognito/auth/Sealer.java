package dev.cloudjar.cognito.auth;


import dev.cloudjar.core.spi.RecordJson;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * Seals the state of an unfinished sign-in (the SRP secret block, the Session of a challenge)
 * into an opaque string with AES-GCM, so the server keeps nothing between the two calls and a
 * client can neither read nor alter it. The key lives only as long as the server.
 */
final class Sealer {
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKey key;
    private final SecureRandom random = new SecureRandom();

    Sealer() {
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(256);
            this.key = generator.generateKey();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    String seal(Object value) {
        return Base64.getEncoder().encodeToString(sealBytes(RecordJson.write(value)));
    }

    byte[] sealBytes(byte[] plain) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            byte[] sealed = cipher.doFinal(plain);
            return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The sealed value, or empty when the string was not sealed by this server or was altered. */
    <T> Optional<T> open(String sealed, Class<T> type) {
        if (sealed == null) {
            return Optional.empty();
        }
        try {
            byte[] bytes = Base64.getDecoder().decode(sealed);
            // Shorter than a nonce and a tag, the JDK's GCM fails with a ProviderException rather than a bad tag.
            if (bytes.length < NONCE_BYTES + TAG_BITS / 8) {
                return Optional.empty();
            }
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE_BYTES));
            return Optional.of(RecordJson.read(cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES), type));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
