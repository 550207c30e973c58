package dev.cloudjar.cognito.identity;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.cloudjar.cognito.CognitoErrors;
import dev.cloudjar.cognito.token.PoolTokens;
import dev.cloudjar.cognito.token.SigningKeys;
import dev.cloudjar.core.auth.AssumedRoles;
import dev.cloudjar.core.auth.CredentialStore;
import dev.cloudjar.core.spi.Input;
import dev.cloudjar.core.spi.OperationTable;
import dev.cloudjar.core.spi.Output;
import dev.cloudjar.core.spi.RequestContext;
import dev.cloudjar.core.spi.Scope;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * GetId, GetOpenIdToken and GetCredentialsForIdentity: identities from user pool logins (ID
 * tokens checked against the pool's key and the provider's client id) or unauthenticated, and the
 * role credentials they obtain.
 */
public final class IdentityOperations {
    /** Cognito's session name for identity pool credentials. */
    private static final String SESSION_NAME = "CognitoIdentityCredentials";
    private static final Duration CREDENTIALS_VALIDITY = Duration.ofHours(1);
    private static final Duration OPEN_ID_TOKEN_VALIDITY = Duration.ofMinutes(10);

    /** A login whose token was verified: the provider name and the token's claims. */
    private record Login(String provider, JWTClaimsSet claims) {
        String subject() {
            return claims.getSubject();
        }
    }

    private final IdentityStore store;
    private final PoolTokens poolTokens;
    private final SigningKeys keys;
    private final CredentialStore.Issuer credentials;

    public IdentityOperations(IdentityStore store, PoolTokens poolTokens, SigningKeys keys,
                              CredentialStore.Issuer credentials) {
        this.store = store;
        this.poolTokens = poolTokens;
        this.keys = keys;
        this.credentials = credentials;
    }

    public void register(OperationTable table) {
        table.on("GetId", this::getId)
                .on("GetOpenIdToken", this::getOpenIdToken)
                .on("GetCredentialsForIdentity", this::getCredentialsForIdentity);
    }

    /** The identity of the logins given (the same one every time), or a new unauthenticated one. */
    Output getId(RequestContext context, Input input) {
        String poolId = input.string("IdentityPoolId");
        Scope scope = store.locate(poolId).orElseThrow(() -> poolNotFound(poolId));
        IdentityPool pool = store.pool(scope, poolId).orElseThrow(() -> poolNotFound(poolId));
        List<Login> logins = logins(pool, input, context.receivedAt());
        if (logins.isEmpty() && !pool.allowsUnauthenticated()) {
            throw CognitoErrors.notAuthorized("Unauthenticated access is not supported for this identity pool.");
        }
        for (Login login : logins) {
            var existing = store.identityOfLogin(scope, poolId, login.provider(), login.subject());
            if (existing.isPresent()) {
                return Output.of("IdentityId", existing.get());
            }
        }
        Map<String, String> linked = new LinkedHashMap<>();
        logins.forEach(l -> linked.put(l.provider(), l.subject()));
        Identity identity = new Identity(context.region() + ":" + UUID.randomUUID(), poolId, linked,
                context.receivedAt().toEpochMilli());
        store.saveIdentity(scope, identity);
        return Output.of("IdentityId", identity.identityId());
    }

    Output getOpenIdToken(RequestContext context, Input input) {
        Resolved resolved = resolve(context, input);
        Instant now = context.receivedAt();
        List<String> amr = new ArrayList<>();
        amr.add(resolved.logins().isEmpty() ? "unauthenticated" : "authenticated");
        resolved.logins().forEach(l -> amr.add(l.provider()));
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer(context.endpoint()))
                .subject(resolved.identity().identityId())
                .audience(resolved.pool().identityPoolId())
                .claim("amr", amr)
                .claim("https://cognito-identity.amazonaws.com/identity-pool-id", resolved.pool().identityPoolId())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(OPEN_ID_TOKEN_VALIDITY)))
                .build();
        return Output.of("IdentityId", resolved.identity().identityId())
                .put("Token", keys.sign(store.signingKey(), claims));
    }

    Output getCredentialsForIdentity(RequestContext context, Input input) {
        Resolved resolved = resolve(context, input);
        String roleArn = roleFor(resolved, input.string("CustomRoleArn"));
        AssumedRoles.Role role = AssumedRoles.role(roleArn);
        if (role == null) {
            throw CognitoErrors.invalidIdentityPoolConfiguration();
        }
        CredentialStore.SigningCredential credential = AssumedRoles.issue(credentials, role, SESSION_NAME,
                context.receivedAt().plus(CREDENTIALS_VALIDITY));
        return Output.of("IdentityId", resolved.identity().identityId())
                .put("Credentials", Map.of("AccessKeyId", credential.accessKeyId(),
                        "SecretKey", credential.secretAccessKey(),
                        "SessionToken", credential.principal().sessionToken(),
                        "Expiration", credential.principal().expiration()));
    }

    /** Cognito's identity issuer is its own endpoint; here a path of the emulator's. */
    public static String issuer(String endpoint) {
        return endpoint + "/" + IdentityStore.SERVICE;
    }

    private record Resolved(IdentityPool pool, Identity identity, List<Login> logins) {
    }

    /** The identity, its pool and the logins presented, which must include one linked to the identity. */
    private Resolved resolve(RequestContext context, Input input) {
        String identityId = input.string("IdentityId");
        Scope scope = store.locate(identityId).orElseThrow(() -> identityNotFound(identityId));
        Identity identity = store.identity(scope, identityId).orElseThrow(() -> identityNotFound(identityId));
        IdentityPool pool = store.pool(scope, identity.identityPoolId())
                .orElseThrow(() -> poolNotFound(identity.identityPoolId()));
        List<Login> logins = logins(pool, input, context.receivedAt());
        if (identity.logins().isEmpty()) {
            if (!logins.isEmpty()) {
                return new Resolved(pool, identity, logins);
            }
            if (!pool.allowsUnauthenticated()) {
                throw CognitoErrors.notAuthorized("Unauthenticated access is not supported for this identity pool.");
            }
            return new Resolved(pool, identity, logins);
        }
        boolean linked = logins.stream().anyMatch(l -> l.subject().equals(identity.logins().get(l.provider())));
        if (!linked) {
            throw CognitoErrors.notAuthorized("Logins don't match. Please include at least one valid login for this "
                    + "identity or identity pool.");
        }
        return new Resolved(pool, identity, logins);
    }

    /**
     * The role: with a Token role mapping the token's cognito:preferred_role (or a CustomRoleArn
     * among its cognito:roles), falling back as AmbiguousRoleResolution says; otherwise the pool's
     * authenticated or unauthenticated role.
     */
    @SuppressWarnings("unchecked")
    private static String roleFor(Resolved resolved, String customRoleArn) {
        if (resolved.logins().isEmpty()) {
            return required(resolved.pool().roles().get("unauthenticated"));
        }
        for (Login login : resolved.logins()) {
            Map<String, Object> mapping = (Map<String, Object>) resolved.pool().roleMappings().get(login.provider());
            if (mapping == null || !"Token".equals(mapping.get("Type"))) {
                continue;
            }
            Object roles = login.claims().getClaim("cognito:roles");
            if (customRoleArn != null && roles instanceof List<?> list && list.contains(customRoleArn)) {
                return customRoleArn;
            }
            Object preferred = login.claims().getClaim("cognito:preferred_role");
            if (preferred != null) {
                return preferred.toString();
            }
            if ("Deny".equals(mapping.get("AmbiguousRoleResolution"))) {
                throw CognitoErrors.notAuthorized("Unable to determine the role from the token.");
            }
        }
        return required(resolved.pool().roles().get("authenticated"));
    }

    private static String required(String roleArn) {
        if (roleArn == null) {
            throw CognitoErrors.invalidIdentityPoolConfiguration();
        }
        return roleArn;
    }

    /**
     * Verifies each login: the provider must be one of the pool's user pool providers
     * ("cognito-idp.<region>.amazonaws.com/<userPoolId>"), the token an unexpired ID token of that
     * pool issued to the provider's client.
     */
    private List<Login> logins(IdentityPool pool, Input input, Instant now) {
        List<Login> logins = new ArrayList<>();
        Map<String, Object> given = input.has("Logins") ? input.map("Logins") : Map.of();
        for (Map.Entry<String, Object> e : given.entrySet()) {
            String provider = e.getKey();
            Map<String, Object> configured = pool.cognitoProviders().stream()
                    .filter(p -> provider.equals(p.get("ProviderName"))).findFirst()
                    .orElseThrow(IdentityOperations::unsupportedProvider);
            PoolTokens.Verified token = poolTokens.verify(e.getValue().toString())
                    .orElseThrow(() -> CognitoErrors.notAuthorized("Invalid login token. Couldn't verify signed token."));
            if (!provider.endsWith("/" + token.pool().id())) {
                throw CognitoErrors.notAuthorized("Invalid login token. Issuer doesn't match providerName");
            }
            if (!"id".equals(token.claim("token_use"))) {
                throw CognitoErrors.notAuthorized("Invalid login token. Not a valid OpenId Connect identity token.");
            }
            if (!token.claims().getExpirationTime().toInstant().isAfter(now)) {
                throw CognitoErrors.notAuthorized("Invalid login token. Token expired: "
                        + token.claims().getExpirationTime().toInstant() + " >= " + now);
            }
            Object clientId = configured.get("ClientId");
            if (clientId != null && !token.claims().getAudience().contains(clientId.toString())) {
                // A token of another app client of a configured pool is refused like a token of an unknown provider.
                throw unsupportedProvider();
            }
            logins.add(new Login(provider, token.claims()));
        }
        return logins;
    }

    private static RuntimeException unsupportedProvider() {
        return CognitoErrors.notAuthorized("Token is not from a supported provider of this identity pool.");
    }

    private static RuntimeException poolNotFound(String poolId) {
        return CognitoErrors.resourceNotFound("IdentityPool '" + poolId + "' not found.");
    }

    private static RuntimeException identityNotFound(String identityId) {
        return CognitoErrors.resourceNotFound("Identity '" + identityId + "' not found.");
    }
}
