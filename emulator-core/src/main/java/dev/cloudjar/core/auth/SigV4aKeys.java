package dev.cloudjar.core.auth;

import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ECParameters;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;

/**
 * The SigV4a key pair of a secret: the private scalar comes from an HMAC-SHA256 KDF in counter
 * mode (NIST SP 800-108) over "AWS4A" + secret, retried with the next counter until it falls in
 * [1, n-1]; the public key is that scalar times the P-256 generator. Only the public key is kept.
 */
final class SigV4aKeys {
    private static final String CURVE = "secp256r1";
    private static final byte[] LABEL = "AWS4-ECDSA-P256-SHA256".getBytes(StandardCharsets.US_ASCII);
    private static final X9ECParameters P256 = ECNamedCurveTable.getByName(CURVE);
    private static final BigInteger N_MINUS_2 = P256.getN().subtract(BigInteger.TWO);
    private static final int MAX_COUNTER = 254;

    private SigV4aKeys() {
    }

    static PublicKey publicKey(String accessKeyId, String secretAccessKey) {
        BigInteger d = privateScalar(accessKeyId, secretAccessKey);
        org.bouncycastle.math.ec.ECPoint q = P256.getG().multiply(d).normalize();
        try {
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
            parameters.init(new ECGenParameterSpec(CURVE));
            ECParameterSpec spec = parameters.getParameterSpec(ECParameterSpec.class);
            ECPoint w = new ECPoint(q.getAffineXCoord().toBigInteger(), q.getAffineYCoord().toBigInteger());
            return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(w, spec));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has P-256", e);
        }
    }

    static BigInteger privateScalar(String accessKeyId, String secretAccessKey) {
        byte[] inputKey = ("AWS4A" + secretAccessKey).getBytes(StandardCharsets.UTF_8);
        byte[] accessKey = accessKeyId.getBytes(StandardCharsets.UTF_8);
        for (int counter = 1; counter <= MAX_COUNTER; counter++) {
            BigInteger candidate = new BigInteger(1, Digests.hmacSha256(inputKey, fixedInput(accessKey, counter)));
            if (candidate.compareTo(N_MINUS_2) <= 0) {
                return candidate.add(BigInteger.ONE);
            }
        }
        throw new IllegalStateException("no SigV4a key in " + MAX_COUNTER + " tries");
    }

    /** i (=1) || label || 0x00 || access key id || counter || L (=256 bits), integers big-endian. */
    private static byte[] fixedInput(byte[] accessKey, int counter) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        out.writeBytes(new byte[] {0, 0, 0, 1});
        out.writeBytes(LABEL);
        out.write(0);
        out.writeBytes(accessKey);
        out.write(counter);
        out.writeBytes(new byte[] {0, 0, 1, 0});
        return out.toByteArray();
    }
}
