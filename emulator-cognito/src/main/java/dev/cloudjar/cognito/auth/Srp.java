package dev.cloudjar.cognito.auth;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;

/**
 * The server side of SRP-6a as Cognito runs it for USER_SRP_AUTH: the 3072-bit group of RFC 5054
 * (g = 2), SHA-256, k = H(N | g), u = H(A | B), x = H(salt | H(poolName | userId | ":" | password)),
 * every hashed number in its padded big-endian form (a leading zero byte when the top bit is set,
 * which is what Java's two's-complement {@link BigInteger#toByteArray()} gives), and the
 * password claim an HMAC keyed with the first 16 bytes of HKDF(S, u, "Caldera Derived Key").
 */
final class Srp {
    static final BigInteger N = new BigInteger(
            "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DD"
            + "EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED"
            + "EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F"
            + "83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B"
            + "E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA0510"
            + "15728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7"
            + "ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864D87602733EC86A64521F2B18177B200C"
            + "BBE117577A615D6C770988C0BAD946E208E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF", 16);
    static final BigInteger G = BigInteger.TWO;
    static final BigInteger K = new BigInteger(1, sha256(N.toByteArray(), G.toByteArray()));
    private static final byte[] DERIVED_KEY_INFO = "Caldera Derived Key\u0001".getBytes(StandardCharsets.UTF_8);

    /** The server's ephemeral values of one login. */
    record ServerKey(BigInteger b, BigInteger bigB) {
    }

    private Srp() {
    }

    /** x as the client derives it from the password. */
    static BigInteger x(BigInteger salt, String poolName, String userId, String password) {
        byte[] identity = sha256((poolName + userId + ":" + password).getBytes(StandardCharsets.UTF_8));
        return new BigInteger(1, sha256(salt.toByteArray(), identity));
    }

    /** The verifier v = g^x mod N that the server keeps instead of the password. */
    static BigInteger verifier(BigInteger salt, String poolName, String userId, String password) {
        return G.modPow(x(salt, poolName, userId, password), N);
    }

    /** B = k·v + g^b mod N, with b a fresh 256-bit secret. */
    static ServerKey serverKey(BigInteger verifier, SecureRandom random) {
        while (true) {
            BigInteger b = new BigInteger(256, random);
            BigInteger bigB = K.multiply(verifier).add(G.modPow(b, N)).mod(N);
            if (bigB.signum() != 0) {
                return new ServerKey(b, bigB);
            }
        }
    }

    /** The signature the client must have sent: HMAC(key, poolName | userId | secretBlock | timestamp). */
    static byte[] expectedSignature(BigInteger bigA, ServerKey server, BigInteger verifier, String poolName,
                                    String userId, byte[] secretBlock, String timestamp) {
        BigInteger u = new BigInteger(1, sha256(bigA.toByteArray(), server.bigB().toByteArray()));
        BigInteger s = bigA.multiply(verifier.modPow(u, N)).modPow(server.b(), N);
        byte[] key = derivedKey(s, u);
        return hmac(key, poolName.getBytes(StandardCharsets.UTF_8), userId.getBytes(StandardCharsets.UTF_8),
                secretBlock, timestamp.getBytes(StandardCharsets.UTF_8));
    }

    /** Cognito's HKDF: one HMAC-SHA256 expansion round, truncated to 16 bytes. */
    private static byte[] derivedKey(BigInteger s, BigInteger u) {
        byte[] prk = hmac(u.toByteArray(), s.toByteArray());
        byte[] okm = hmac(prk, DERIVED_KEY_INFO);
        byte[] key = new byte[16];
        System.arraycopy(okm, 0, key, 0, 16);
        return key;
    }

    private static byte[] sha256(byte[]... parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (byte[] part : parts) {
                digest.update(part);
            }
            return digest.digest();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] hmac(byte[] key, byte[]... parts) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            for (byte[] part : parts) {
                mac.update(part);
            }
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
