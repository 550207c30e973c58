package dev.cloudjar.cognito.auth;

import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The server's SRP-6a against the client side as AWS's JavaScript SDK (amazon-cognito-identity-js)
 * computes it, rewritten here from that description with hex strings: numbers are hashed as
 * "padded hex" (even length, "00" in front when the first digit is 8 or more), never via
 * BigInteger#toByteArray as the server does.
 */
class SrpTest {
    private static final String POOL = "Abc123xyz";
    private static final String USER = "alice";
    private static final String PASSWORD = "Correct-Horse-9";
    /** Its top bit is set, so padding adds a zero byte: the case a naive encoding gets wrong. */
    private static final BigInteger SALT = new BigInteger("f3a1c0de5eed00112233445566778899", 16);
    private static final BigInteger CLIENT_SECRET_A = new BigInteger(
            "9d3c0e7a55aa66bb77cc88dd99ee00ff112233445566778899aabbccddeeff00", 16);
    private static final byte[] SECRET_BLOCK = "opaque-secret-block".getBytes(StandardCharsets.UTF_8);
    private static final String TIMESTAMP = "Fri Nov 27 06:58:57 UTC 2026";

    @Test
    void multiplierIsTheHashOfThePaddedGroupPrimeAndGenerator() {
        assertEquals(new BigInteger(1, sha256(padHex(Srp.N) + padHex(BigInteger.TWO))), Srp.K);
    }

    @Test
    void verifierIsGeneratorToThePasswordHashAsTheClientDerivesIt() {
        assertEquals(BigInteger.TWO.modPow(clientX(PASSWORD), Srp.N), Srp.verifier(SALT, POOL, USER, PASSWORD));
    }

    @Test
    void clientsPasswordClaimMatchesTheServersExpectedSignature() {
        BigInteger verifier = Srp.verifier(SALT, POOL, USER, PASSWORD);
        Srp.ServerKey server = Srp.serverKey(verifier, seeded());
        BigInteger bigA = BigInteger.TWO.modPow(CLIENT_SECRET_A, Srp.N);

        byte[] claim = clientClaim(bigA, server.bigB(), PASSWORD);

        assertArrayEquals(claim, Srp.expectedSignature(bigA, server, verifier, POOL, USER, SECRET_BLOCK, TIMESTAMP));
    }

    @Test
    void claimMadeWithAnotherPasswordDoesNotMatch() {
        BigInteger verifier = Srp.verifier(SALT, POOL, USER, PASSWORD);
        Srp.ServerKey server = Srp.serverKey(verifier, seeded());
        BigInteger bigA = BigInteger.TWO.modPow(CLIENT_SECRET_A, Srp.N);

        byte[] claim = clientClaim(bigA, server.bigB(), "Wrong-Horse-9");

        assertFalse(Arrays.equals(claim, Srp.expectedSignature(bigA, server, verifier, POOL, USER, SECRET_BLOCK,
                TIMESTAMP)));
    }

    /** x = H(padHex(salt) | H(pool | user | ":" | password)). */
    private static BigInteger clientX(String password) {
        String identity = HexFormat.of().formatHex(sha256Bytes((POOL + USER + ":" + password)
                .getBytes(StandardCharsets.UTF_8)));
        return new BigInteger(1, sha256(padHex(SALT) + identity));
    }

    /** S = (B - k·g^x)^(a + u·x) mod N; key = HKDF(ikm = padHex(S), salt = padHex(u)); claim = HMAC(key, ...). */
    private static byte[] clientClaim(BigInteger bigA, BigInteger bigB, String password) {
        BigInteger u = new BigInteger(1, sha256(padHex(bigA) + padHex(bigB)));
        BigInteger x = clientX(password);
        BigInteger base = bigB.subtract(Srp.K.multiply(BigInteger.TWO.modPow(x, Srp.N))).mod(Srp.N);
        BigInteger s = base.modPow(CLIENT_SECRET_A.add(u.multiply(x)), Srp.N);
        byte[] prk = hmac(hex(padHex(u)), hex(padHex(s)));
        byte[] key = Arrays.copyOf(hmac(prk, "Caldera Derived Key\u0001".getBytes(StandardCharsets.UTF_8)), 16);
        return hmac(key, (POOL + USER).getBytes(StandardCharsets.UTF_8), SECRET_BLOCK,
                TIMESTAMP.getBytes(StandardCharsets.UTF_8));
    }

    private static String padHex(BigInteger value) {
        String hex = value.toString(16);
        if (hex.length() % 2 == 1) {
            return "0" + hex;
        }
        return "89abcdef".indexOf(hex.charAt(0)) >= 0 ? "00" + hex : hex;
    }

    private static SecureRandom seeded() {
        try {
            SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
            random.setSeed(42);
            return random;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    private static byte[] sha256(String hex) {
        return sha256Bytes(hex(hex));
    }

    private static byte[] sha256Bytes(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, byte[]... parts) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            for (byte[] part : parts) {
                mac.update(part);
            }
            return mac.doFinal();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
