package dev.cloudjar.core.auth;

import dev.cloudjar.core.config.CloudjarConfig;
import dev.cloudjar.core.spi.Arn;
import dev.cloudjar.core.spi.Principal;
import dev.cloudjar.core.spi.storage.Entry;
import dev.cloudjar.core.spi.storage.Keyspace;
import dev.cloudjar.core.spi.storage.StateStore;
import dev.cloudjar.core.state.MemoryStateStore;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The access keys the server accepts: the configured long-term keys, temporary keys registered at
 * run time (Lambda's execution environments), and temporary keys that STS or Cognito identity
 * pools issue. Issued keys live in the issuing service's keyspace of the state store, so they
 * outlive a restart with a data dir, as AWS's do, and go with a reset of that service.
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

    /**
     * How long an expired temporary key is still recognised, so that its use is answered
     * ExpiredToken rather than as an unknown key, before {@link #purgeExpired()} forgets it.
     */
    public static final Duration FORGET_EXPIRED_AFTER = Duration.ofHours(24);
    private static final int PURGE_PAGE = 500;
    private static final String TEMPORARY_PREFIX = "ASIA";
    private static final String KEY_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final String SECRET_ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    private final Map<String, SigningCredential> byAccessKey = new ConcurrentHashMap<>();
    private final List<Keyspace> issued = new CopyOnWriteArrayList<>();
    private final SecureRandom random = new SecureRandom();
    private final StateStore state;
    private final String defaultAccount;
    private final Clock clock;

    /** A store whose issued credentials last as long as it does. */
    public CredentialStore(CloudjarConfig config, Clock clock) {
        this(config, clock, new MemoryStateStore());
    }

    public CredentialStore(CloudjarConfig config, Clock clock, StateStore state) {
        this.state = state;
        this.defaultAccount = config.defaultAccount();
        this.clock = clock;
        for (CloudjarConfig.Credential c : config.credentials()) {
            byAccessKey.put(c.accessKeyId(), longTerm(c.accessKeyId(), c.secretAccessKey(), c.accountId()));
        }
    }

    private static SigningCredential longTerm(String accessKeyId, String secret, String account) {
        // A configured key signs as its account's root user, as AWS reports for root keys:
        // UserId is the account id and the ARN is arn:aws:iam::<account>:root.
        Principal principal = new Principal(accessKeyId, account, Arn.global("iam", account, "root").toString(),
                account, null, null);
        return new SigningCredential(accessKeyId, secret, principal);
    }

    public Optional<SigningCredential> find(String accessKeyId) {
        SigningCredential known = byAccessKey.get(accessKeyId);
        if (known != null || accessKeyId == null || !accessKeyId.startsWith(TEMPORARY_PREFIX)) {
            return Optional.ofNullable(known);
        }
        byte[] key = accessKeyId.getBytes(StandardCharsets.UTF_8);
        for (Keyspace keyspace : issued) {
            Optional<byte[]> stored = keyspace.get(key);
            if (stored.isPresent()) {
                return Optional.of(decode(accessKeyId, stored.get()));
            }
        }
        return Optional.empty();
    }

    /** Registers temporary credentials that last as long as this process (Lambda's execution environments). */
    public void registerTemporary(String accessKeyId, String secretAccessKey, Principal principal) {
        if (principal.sessionToken() == null || principal.expiration() == null) {
            throw new IllegalArgumentException("temporary credentials need a session token and an expiry");
        }
        byAccessKey.put(accessKeyId, new SigningCredential(accessKeyId, secretAccessKey, principal));
    }

    /**
     * The issuer of a service (STS, Cognito identity pools), which keeps what it issues in the
     * keyspace {@code <service>/temporary-credentials}. A service asks for it when it starts, so
     * that after a restart the keys it issued before are found again.
     */
    public Issuer issuer(String service) {
        Keyspace keyspace = state.keyspace(service + "/temporary-credentials");
        issued.add(keyspace);
        return new Issuer(keyspace);
    }

    /**
     * Forgets temporary keys that expired more than {@link #FORGET_EXPIRED_AFTER} ago: every
     * AssumeRole, identity-pool login and Lambda cold start adds one, and a long-running server
     * (or one with a data dir) would otherwise keep them all. Returns how many were dropped.
     */
    public int purgeExpired() {
        Instant cutoff = clock.instant().minus(FORGET_EXPIRED_AFTER);
        int dropped = 0;
        for (SigningCredential credential : byAccessKey.values()) {
            if (credential.isTemporary() && credential.isExpired(cutoff)
                    && byAccessKey.remove(credential.accessKeyId(), credential)) {
                dropped++;
            }
        }
        for (Keyspace keyspace : issued) {
            byte[] from = null;
            List<Entry> page;
            do {
                page = keyspace.scan(from, null, PURGE_PAGE, false);
                for (Entry entry : page) {
                    String accessKeyId = new String(entry.key(), StandardCharsets.UTF_8);
                    if (decode(accessKeyId, entry.value()).isExpired(cutoff) && keyspace.delete(entry.key())) {
                        dropped++;
                    }
                }
                if (!page.isEmpty()) {
                    // The smallest key after the page's last one.
                    from = Arrays.copyOf(page.get(page.size() - 1).key(), page.get(page.size() - 1).key().length + 1);
                }
            } while (page.size() == PURGE_PAGE);
        }
        return dropped;
    }

    /** Mints temporary credentials for one service. */
    public final class Issuer {
        private final Keyspace keyspace;

        private Issuer(Keyspace keyspace) {
            this.keyspace = keyspace;
        }

        /**
         * Temporary credentials that sign as {@code arn} until {@code expiration}: an ASIA key id
         * as AWS gives temporary keys, a 40-character secret and an opaque session token.
         */
        public SigningCredential issue(String accountId, String arn, String userId, Instant expiration) {
            String accessKeyId = TEMPORARY_PREFIX + randomText(KEY_ALPHABET, 16);
            String secret = randomText(SECRET_ALPHABET, 40);
            byte[] token = new byte[192];
            random.nextBytes(token);
            String sessionToken = "IQoJb3JpZ2luX2VjE" + Base64.getEncoder().encodeToString(token);
            Principal principal = new Principal(accessKeyId, accountId, arn, userId, sessionToken, expiration);
            SigningCredential credential = new SigningCredential(accessKeyId, secret, principal);
            keyspace.put(accessKeyId.getBytes(StandardCharsets.UTF_8), encode(credential));
            return credential;
        }
    }

    /** One field a line; none of them holds a line break. */
    private static byte[] encode(SigningCredential credential) {
        Principal p = credential.principal();
        return String.join("\n", credential.secretAccessKey(), p.accountId(), p.arn(), p.userId(), p.sessionToken(),
                Long.toString(p.expiration().toEpochMilli())).getBytes(StandardCharsets.UTF_8);
    }

    private static SigningCredential decode(String accessKeyId, byte[] stored) {
        String[] f = new String(stored, StandardCharsets.UTF_8).split("\n", -1);
        return new SigningCredential(accessKeyId, f[0], new Principal(accessKeyId, f[1], f[2], f[3], f[4],
                Instant.ofEpochMilli(Long.parseLong(f[5]))));
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
        Optional<SigningCredential> known = find(accessKeyId);
        if (known.isPresent()) {
            return known.get().principal();
        }
        String account = accessKeyId != null && accessKeyId.matches("\\d{12}") ? accessKeyId : defaultAccount;
        return new Principal(accessKeyId, account, Arn.global("iam", account, "root").toString(), account, null, null);
    }

    public String defaultAccount() {
        return defaultAccount;
    }

    public Clock clock() {
        return clock;
    }
}
