package dev.cloudjar.core.auth;

import dev.cloudjar.core.config.CloudjarConfig;
import dev.cloudjar.core.spi.Principal;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The access keys the server accepts: the configured long-term keys, and temporary keys that STS
 * or Cognito identity pools issue at run time (with a session token and an expiry).
 */
public final class CredentialStore {

    /** A known key: its secret, and who it signs as. */
    public record SigningCredential(String accessKeyId, String secretAccessKey, Principal principal) {
        public boolean isTemporary() {
            return principal.sessionToken() != null;
        }

        public boolean isExpired(Instant now) {
            return principal.expiration() != null && !now.isBefore(principal.expiration());
        }
    }

    private static final String KEY_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final String SECRET_ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    private final Map<String, SigningCredential> byAccessKey = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final String defaultAccount;
    private final Clock clock;

    public CredentialStore(CloudjarConfig config, Clock clock) {
        this.defaultAccount = config.defaultAccount();
        this.clock = clock;
        for (CloudjarConfig.Credential c : config.credentials()) {
            byAccessKey.put(c.accessKeyId(), longTerm(c.accessKeyId(), c.secretAccessKey(), c.accountId()));
        }
    }

    private static SigningCredential longTerm(String accessKeyId, String secret, String account) {
        // A configured key signs as its account's root user, as AWS reports for root keys:
        // UserId is the account id and the ARN is arn:aws:iam::<account>:root.
        Principal principal = new Principal(accessKeyId, account, "arn:aws:iam::" + account + ":root",
                account, null, null);
        return new SigningCredential(accessKeyId, secret, principal);
    }

    public Optional<SigningCredential> find(String accessKeyId) {
        return Optional.ofNullable(byAccessKey.get(accessKeyId));
    }

    /** Registers temporary credentials (STS AssumeRole, GetSessionToken, identity pools). */
    public void registerTemporary(String accessKeyId, String secretAccessKey, Principal principal) {
        if (principal.sessionToken() == null || principal.expiration() == null) {
            throw new IllegalArgumentException("temporary credentials need a session token and an expiry");
        }
        byAccessKey.put(accessKeyId, new SigningCredential(accessKeyId, secretAccessKey, principal));
    }

    /**
     * Mints and registers temporary credentials that sign as {@code arn} until {@code expiration}:
     * an ASIA key id as AWS gives temporary keys, a 40-character secret and an opaque session
     * token. STS and Cognito identity pools both issue these.
     */
    public SigningCredential issueTemporary(String accountId, String arn, String userId, Instant expiration) {
        String accessKeyId = "ASIA" + randomText(KEY_ALPHABET, 16);
        String secret = randomText(SECRET_ALPHABET, 40);
        byte[] token = new byte[192];
        random.nextBytes(token);
        String sessionToken = "IQoJb3JpZ2luX2VjE" + Base64.getEncoder().encodeToString(token);
        Principal principal = new Principal(accessKeyId, accountId, arn, userId, sessionToken, expiration);
        registerTemporary(accessKeyId, secret, principal);
        return new SigningCredential(accessKeyId, secret, principal);
    }

    private String randomText(String alphabet, int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    /**
     * The principal of a key that is not known, for when signatures are not verified: a 12-digit
     * key names its account (as LocalStack does), any other key the default account.
     */
    public Principal unverified(String accessKeyId) {
        SigningCredential known = byAccessKey.get(accessKeyId);
        if (known != null) {
            return known.principal();
        }
        String account = accessKeyId != null && accessKeyId.matches("\\d{12}") ? accessKeyId : defaultAccount;
        return new Principal(accessKeyId, account, "arn:aws:iam::" + account + ":root", account, null, null);
    }

    public String defaultAccount() {
        return defaultAccount;
    }

    public Clock clock() {
        return clock;
    }
}
