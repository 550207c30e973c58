package dev.cloudjar.it.cognito;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;

/**
 * The client side of Cognito's USER_SRP_AUTH, written from the protocol as AWS's SRP helpers
 * (amazon-cognito-identity-js AuthenticationHelper) describe it, independently of the server:
 * numbers travel as hex strings, hashed after "padding" (even length, a leading 00 when the top
 * bit is set), exactly as those helpers do.
 */
public final class SrpClient {
    private static final String N_HEX = "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD1"
            + "29024E088A67CC74020BBEA63B139B22514A08798E3404DD"
            + "EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245"
            + "E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED"
            + "EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3D"
            + "C2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F"
            + "83655D23DCA3AD961C62F356208552BB9ED529077096966D"
            + "670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B"
            + "E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9"
            + "DE2BCBF6955817183995497CEA956AE515D2261898FA0510"
            + "15728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64"
            + "ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7"
            + "ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6B"
            + "F12FFA06D98A0864D87602733EC86A64521F2B18177B200C"
            + "BBE117577A615D6C770988C0BAD946E208E24FA074E5AB31"
            + "43DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF";
    private static final BigInteger N = new BigInteger(N_HEX, 16);
    private static final BigInteger G = BigInteger.valueOf(2);
    private static final BigInteger K = new BigInteger(hexHash("00" + N_HEX + "02"), 16);
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss 'UTC' yyyy", Locale.US);

    private final String poolName;
    private final BigInteger a;
    private final BigInteger bigA;

    public SrpClient(String userPoolId) {
        this.poolName = userPoolId.split("_")[1];
        // 256 random bits, as SRP needs for 128-bit security (AWS's helper draws 1024; the result is the same protocol).
        this.a = new BigInteger(1, randomBytes(32));
        this.bigA = G.modPow(a, N);
    }

    /** SRP_A for InitiateAuth. */
    public String srpA() {
        return bigA.toString(16);
    }

    /** The ChallengeResponses of PASSWORD_VERIFIER for the challenge parameters the server sent. */
    public Map<String, String> passwordVerifier(Map<String, String> challenge, String password, ZonedDateTime now) {
        String userId = challenge.get("USER_ID_FOR_SRP");
        BigInteger bigB = new BigInteger(challenge.get("SRP_B"), 16);
        BigInteger salt = new BigInteger(challenge.get("SALT"), 16);
        String secretBlock = challenge.get("SECRET_BLOCK");

        BigInteger u = new BigInteger(hexHash(padHex(bigA) + padHex(bigB)), 16);
        String identityHash = hash((poolName + userId + ":" + password).getBytes(StandardCharsets.UTF_8));
        BigInteger x = new BigInteger(hexHash(padHex(salt) + identityHash), 16);
        BigInteger s = bigB.subtract(K.multiply(G.modPow(x, N))).mod(N).modPow(a.add(u.multiply(x)), N);

        byte[] prk = hmac(HexFormat.of().parseHex(padHex(u)), HexFormat.of().parseHex(padHex(s)));
        byte[] info = "Caldera Derived Key\u0001".getBytes(StandardCharsets.UTF_8);
        byte[] key = java.util.Arrays.copyOf(hmac(prk, info), 16);

        String timestamp = TIMESTAMP.format(now.withZoneSameInstant(ZoneOffset.UTC));
        byte[] message = concat(poolName.getBytes(StandardCharsets.UTF_8), userId.getBytes(StandardCharsets.UTF_8),
                Base64.getDecoder().decode(secretBlock), timestamp.getBytes(StandardCharsets.UTF_8));
        String signature = Base64.getEncoder().encodeToString(hmac(key, message));
        return Map.of("USERNAME", userId, "PASSWORD_CLAIM_SECRET_BLOCK", secretBlock,
                "PASSWORD_CLAIM_SIGNATURE", signature, "TIMESTAMP", timestamp);
    }

    private static String padHex(BigInteger n) {
        String hex = n.toString(16);
        if (hex.length() % 2 == 1) {
            return "0" + hex;
        }
        return "89abcdefABCDEF".indexOf(hex.charAt(0)) >= 0 ? "00" + hex : hex;
    }

    private static String hexHash(String hex) {
        return hash(HexFormat.of().parseHex(hex));
    }

    private static String hash(byte[] bytes) {
        try {
            String hex = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
            return "0".repeat(64 - hex.length()) + hex;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] p : parts) {
            length += p.length;
        }
        byte[] out = new byte[length];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }
}
