package dev.cloudjar.cognito.userpool;

/**
 * How a password is kept: a PBKDF2-HMAC-SHA256 hash for the password flows, and the SRP salt
 * and verifier (v = g^x mod N) for USER_SRP_AUTH, which needs the verifier, never the password.
 */
public record PasswordHash(int iterations, String salt, String hash, String srpSalt, String srpVerifier) {
}
