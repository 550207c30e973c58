package dev.cloudjar.core.auth;

import dev.cloudjar.core.config.CloudjarConfig;
import dev.cloudjar.core.spi.Principal;

import java.time.Clock;
import java.time.Instant;
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

    private final Map<String, SigningCredential> byAccessKey = new ConcurrentHashMap<>();
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
