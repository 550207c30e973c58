package dev.cloudjar.core.auth;

import dev.cloudjar.core.spi.Arn;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;

/**
 * Temporary credentials of an assumed role, as STS issues them and identity pools obtain them:
 * they sign as {@code arn:aws:sts::<account>:assumed-role/<role name>/<session name>}, user id
 * {@code <role id>:<session name>}, in the role's account.
 */
public final class AssumedRoles {
    private static final String ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    private AssumedRoles() {
    }

    /** The role's account, name and id, from its ARN (arn:aws:iam::123456789012:role/path/name). */
    public record Role(String arn, String accountId, String name, String roleId) {
        public String assumedRoleArn(String sessionName) {
            return Arn.global("sts", accountId, "assumed-role/" + name + "/" + sessionName).toString();
        }
    }

    /** The role an ARN names, or null when it is not a role ARN. */
    public static Role role(String roleArn) {
        String[] parts = roleArn.split(":", 6);
        if (parts.length != 6 || !parts[0].equals("arn") || !parts[2].equals("iam") || !parts[5].startsWith("role/")) {
            return null;
        }
        String name = parts[5].substring(parts[5].lastIndexOf('/') + 1);
        return new Role(roleArn, parts[4], name, roleId(roleArn));
    }

    public static CredentialStore.SigningCredential issue(CredentialStore.Issuer issuer, Role role, String sessionName,
                                                          Instant expiration) {
        return issuer.issue(role.accountId(), role.assumedRoleArn(sessionName), role.roleId() + ":" + sessionName,
                expiration);
    }

    /** Principals that assume roles see the same AROA id for a role every time, as in IAM. */
    private static String roleId(String roleArn) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(roleArn.getBytes(StandardCharsets.UTF_8));
            StringBuilder id = new StringBuilder("AROA");
            for (int i = 0; i < 17; i++) {
                id.append(ID_ALPHABET.charAt((digest[i] & 0xff) % ID_ALPHABET.length()));
            }
            return id.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
