package dev.cloudjar.cognito.userpool;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A user of a pool. {@code attributes} holds every attribute including sub, email_verified and
 * custom:* ones, as strings (Cognito's wire form); {@code groups} the names of its groups.
 */
public record User(String username, Map<String, String> attributes, String status, boolean enabled,
                   long creationDate, long lastModifiedDate, PasswordHash password,
                   long temporaryPasswordExpiry, List<String> groups, PendingCode code) {

    public static final String UNCONFIRMED = "UNCONFIRMED";
    public static final String CONFIRMED = "CONFIRMED";
    public static final String FORCE_CHANGE_PASSWORD = "FORCE_CHANGE_PASSWORD";
    public static final String RESET_REQUIRED = "RESET_REQUIRED";

    /**
     * A code sent (in Cognito) by e-mail or SMS; here readable under /_cloudjar/cognito/. It
     * counts the wrong codes tried against it.
     */
    public record PendingCode(String code, String purpose, long expiresAt, int failedAttempts) {
        public static final String SIGN_UP = "SIGN_UP";
        public static final String FORGOT_PASSWORD = "FORGOT_PASSWORD";

        public PendingCode withFailedAttempt() {
            return new PendingCode(code, purpose, expiresAt, failedAttempts + 1);
        }
    }

    public String sub() {
        return attributes.get("sub");
    }

    public String attribute(String name) {
        return attributes.get(name);
    }

    public boolean verified(String attribute) {
        return attributes.get(attribute) != null && "true".equals(attributes.get(attribute + "_verified"));
    }

    public User withStatus(String newStatus, long now) {
        return new User(username, attributes, newStatus, enabled, creationDate, now, password,
                temporaryPasswordExpiry, groups, code);
    }

    public User withEnabled(boolean newEnabled, long now) {
        return new User(username, attributes, status, newEnabled, creationDate, now, password,
                temporaryPasswordExpiry, groups, code);
    }

    public User withAttributes(Map<String, String> newAttributes, long now) {
        return new User(username, new LinkedHashMap<>(newAttributes), status, enabled, creationDate, now, password,
                temporaryPasswordExpiry, groups, code);
    }

    /** A new password; a temporary one expires, a permanent one confirms the user. */
    public User withPassword(PasswordHash newPassword, String newStatus, long temporaryExpiry, long now) {
        return new User(username, attributes, newStatus, enabled, creationDate, now, newPassword,
                temporaryExpiry, groups, code);
    }

    public User withGroups(List<String> newGroups, long now) {
        return new User(username, attributes, status, enabled, creationDate, now, password,
                temporaryPasswordExpiry, List.copyOf(newGroups), code);
    }

    public User withCode(PendingCode newCode, long now) {
        return new User(username, attributes, status, enabled, creationDate, now, password,
                temporaryPasswordExpiry, groups, newCode);
    }
}
