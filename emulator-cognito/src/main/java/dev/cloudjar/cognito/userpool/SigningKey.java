package dev.cloudjar.cognito.userpool;

/**
 * A pool's RS256 key pair, kept with the pool so tokens stay verifiable across restarts with a
 * data dir: PKCS#8 and X.509 encodings in base64, and the key id published in the JWKS.
 */
public record SigningKey(String keyId, String privateKey, String publicKey) {
}
