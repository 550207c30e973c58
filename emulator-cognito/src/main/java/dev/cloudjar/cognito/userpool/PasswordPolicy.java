package dev.cloudjar.cognito.userpool;

import java.util.Map;
import java.util.Optional;

/** A pool's password policy, checked as Cognito checks it: one reason at a time, length first. */
public record PasswordPolicy(int minimumLength, boolean requireUppercase, boolean requireLowercase,
                             boolean requireNumbers, boolean requireSymbols, int temporaryPasswordValidityDays) {
    /** Cognito's symbol set for RequireSymbols. */
    private static final String SYMBOLS = "^$*.[]{}()?\"!@#%&/\\,><':;|_~`=+- ";

    static PasswordPolicy of(Map<String, Object> policy) {
        return new PasswordPolicy(number(policy, "MinimumLength", 8), flag(policy, "RequireUppercase"),
                flag(policy, "RequireLowercase"), flag(policy, "RequireNumbers"), flag(policy, "RequireSymbols"),
                number(policy, "TemporaryPasswordValidityDays", 7));
    }

    /** The first rule the password breaks, in Cognito's words, or empty when it conforms. */
    public Optional<String> violation(String password) {
        if (password.length() < minimumLength) {
            return Optional.of("Password not long enough");
        }
        if (requireLowercase && password.chars().noneMatch(Character::isLowerCase)) {
            return Optional.of("Password must have lowercase characters");
        }
        if (requireUppercase && password.chars().noneMatch(Character::isUpperCase)) {
            return Optional.of("Password must have uppercase characters");
        }
        if (requireNumbers && password.chars().noneMatch(Character::isDigit)) {
            return Optional.of("Password must have numeric characters");
        }
        if (requireSymbols && password.chars().noneMatch(c -> SYMBOLS.indexOf(c) >= 0)) {
            return Optional.of("Password must have symbol characters");
        }
        return Optional.empty();
    }

    private static boolean flag(Map<String, Object> policy, String name) {
        return Boolean.TRUE.equals(policy.get(name));
    }

    private static int number(Map<String, Object> policy, String name, int defaultValue) {
        Object v = policy.get(name);
        return v == null ? defaultValue : ((Number) v).intValue();
    }
}
