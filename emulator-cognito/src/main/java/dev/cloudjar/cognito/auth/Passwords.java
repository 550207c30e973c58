package dev.cloudjar.cognito.auth;

import dev.cloudjar.cognito.userpool.PasswordHash;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Password hashing. PBKDF2-HMAC-SHA256 with a configurable iteration count
 * ({@code --cognito-password-iterations}, 500 by default): a local emulator needs hashes that are
 * not plain text but cheap enough for hundreds of logins a second on a laptop, not the cost a
 * production service would pick. The SRP verifier is made at the same time, since it needs the
 * password.
 */
public final class Passwords {
    public static final String ITERATIONS_OPTION = "cognito-password-iterations";
    public static final int DEFAULT_ITERATIONS = 500;

    private final int iterations;
    private final SecureRandom random = new SecureRandom();

    public Passwords(int iterations) {
        this.iterations = iterations;
    }

    /** Hashes a password for a user; {@code srpUserId} is the username SRP clients hash (USER_ID_FOR_SRP). */
    public PasswordHash hash(String password, String poolName, String srpUserId) {
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        BigInteger srpSalt = new BigInteger(128, random);
        Base64.Encoder b64 = Base64.getEncoder();
        return new PasswordHash(iterations, b64.encodeToString(salt),
                b64.encodeToString(pbkdf2(password, salt, iterations)), srpSalt.toString(16),
                Srp.verifier(srpSalt, poolName, srpUserId, password).toString(16));
    }

    public boolean matches(PasswordHash stored, String password) {
        if (stored == null || password == null) {
            return false;
        }
        Base64.Decoder b64 = Base64.getDecoder();
        byte[] expected = b64.decode(stored.hash());
        return MessageDigest.isEqual(expected, pbkdf2(password, b64.decode(stored.salt()), stored.iterations()));
    }

    private static byte[] pbkdf2(String password, byte[] salt, int iterations) {
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(new PBEKeySpec(password.toCharArray(), salt, iterations, 256)).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
