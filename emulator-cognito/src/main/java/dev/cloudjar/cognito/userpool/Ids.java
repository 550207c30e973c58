package dev.cloudjar.cognito.userpool;

import java.security.SecureRandom;

/** Random identifiers in the forms Cognito uses. */
public final class Ids {
    private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final String LOWER = "abcdefghijklmnopqrstuvwxyz0123456789";

    private final SecureRandom random = new SecureRandom();

    /** us-east-1_AbCdEf123 */
    public String userPoolId(String region) {
        return region + "_" + text(ALPHANUMERIC, 9);
    }

    /** 26 lower-case letters and digits. */
    public String clientId() {
        return text(LOWER, 26);
    }

    public String clientSecret() {
        return text(LOWER, 51);
    }

    /** A six-digit confirmation code. */
    public String code() {
        return String.format("%06d", random.nextInt(1_000_000));
    }

    /** A temporary password that satisfies any policy Cognito allows (up to 99 characters is not needed: 12 suffices for the default). */
    public String temporaryPassword(int minimumLength) {
        return "Tmp" + text(ALPHANUMERIC, Math.max(minimumLength, 12) - 6) + "a1!";
    }

    private String text(String alphabet, int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }
}
