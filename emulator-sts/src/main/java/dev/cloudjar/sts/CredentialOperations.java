package dev.cloudjar.sts;

import dev.cloudjar.core.auth.AssumedRoles;
import dev.cloudjar.core.auth.CredentialStore;
import dev.cloudjar.core.error.AwsException;
import dev.cloudjar.core.spi.Capabilities;
import dev.cloudjar.core.spi.Input;
import dev.cloudjar.core.spi.Output;
import dev.cloudjar.core.spi.Principal;
import dev.cloudjar.core.spi.RequestContext;
import dev.cloudjar.core.spi.WebIdentityVerifier;

import java.time.Instant;
import java.util.Map;

/**
 * AssumeRole, AssumeRoleWithWebIdentity and GetSessionToken: temporary credentials that SigV4
 * verification accepts for every service until they expire. Web identity tokens are verified by
 * whichever service provides a {@link WebIdentityVerifier} (Cognito: user pools' ID tokens and
 * identity pools' OpenID tokens).
 */
final class CredentialOperations {
    private static final int DEFAULT_ROLE_SECONDS = 3600;
    private static final int DEFAULT_SESSION_SECONDS = 43200;
    private static final int SESSION_POLICY_CHARACTERS = 2048;

    private final CredentialStore.Issuer issuer;
    private final Capabilities capabilities;

    CredentialOperations(CredentialStore.Issuer issuer, Capabilities capabilities) {
        this.issuer = issuer;
        this.capabilities = capabilities;
    }

    Output assumeRole(RequestContext context, Input input) {
        AssumedRoles.Role role = role(input.string("RoleArn"));
        Integer packedPolicySize = packedPolicySize(input.string("Policy"));
        CredentialStore.SigningCredential credential = AssumedRoles.issue(issuer, role,
                input.string("RoleSessionName"), expiry(context, input, DEFAULT_ROLE_SECONDS));
        return Output.of("Credentials", credentials(credential))
                .put("AssumedRoleUser", assumedRoleUser(credential))
                .put("PackedPolicySize", packedPolicySize);
    }

    Output assumeRoleWithWebIdentity(RequestContext context, Input input) {
        WebIdentityVerifier.Verified identity = verify(input.string("WebIdentityToken"), context.receivedAt());
        AssumedRoles.Role role = role(input.string("RoleArn"));
        Integer packedPolicySize = packedPolicySize(input.string("Policy"));
        CredentialStore.SigningCredential credential = AssumedRoles.issue(issuer, role,
                input.string("RoleSessionName"), expiry(context, input, DEFAULT_ROLE_SECONDS));
        return Output.of("Credentials", credentials(credential))
                .put("PackedPolicySize", packedPolicySize)
                .put("SubjectFromWebIdentityToken", identity.subject())
                .put("AssumedRoleUser", assumedRoleUser(credential))
                .put("Provider", identity.issuer().replaceFirst("^https?://", ""))
                .put("Audience", identity.audience());
    }

    /**
     * Session credentials act as the caller: same account, ARN and user id. Only long-term keys
     * may ask for them; STS refuses temporary credentials with AccessDenied.
     */
    Output getSessionToken(RequestContext context, Input input) {
        Principal caller = context.principal();
        if (caller.sessionToken() != null) {
            throw new AwsException("AccessDenied", 403, "Cannot call GetSessionToken with session credentials");
        }
        CredentialStore.SigningCredential credential = issuer.issue(caller.accountId(), caller.arn(),
                caller.userId(), expiry(context, input, DEFAULT_SESSION_SECONDS));
        return Output.of("Credentials", credentials(credential));
    }

    private WebIdentityVerifier.Verified verify(String token, Instant now) {
        WebIdentityVerifier.Verification verification = capabilities.find(WebIdentityVerifier.class)
                .map(verifier -> verifier.verify(token, now))
                .orElseGet(() -> new WebIdentityVerifier.Rejected(WebIdentityVerifier.Reason.UNTRUSTED,
                        "No identity provider on this server issues web identity tokens."));
        if (verification instanceof WebIdentityVerifier.Rejected rejected) {
            throw new AwsException(rejected.reason() == WebIdentityVerifier.Reason.EXPIRED
                    ? "ExpiredTokenException" : "InvalidIdentityTokenException", 400, rejected.message());
        }
        return (WebIdentityVerifier.Verified) verification;
    }

    /**
     * How full a session policy leaves STS's budget, in percent (null without a policy). STS
     * measures a packed binary form with a budget of its own; Cloudjar measures the plaintext
     * against the documented 2,048 characters, so a policy that packs worse than its text passes
     * here and fails on STS.
     */
    private static Integer packedPolicySize(String policy) {
        if (policy == null) {
            return null;
        }
        int percent = (int) Math.ceil(policy.length() * 100.0 / SESSION_POLICY_CHARACTERS);
        if (percent > 100) {
            throw new AwsException("PackedPolicyTooLargeException", 400,
                    "Packed policy consumes " + percent + "% of allotted space");
        }
        return percent;
    }

    private static AssumedRoles.Role role(String roleArn) {
        AssumedRoles.Role role = AssumedRoles.role(roleArn);
        if (role == null) {
            throw new AwsException("ValidationError", 400, "Invalid ARN: " + roleArn + " is not a role ARN");
        }
        return role;
    }

    private static Instant expiry(RequestContext context, Input input, int defaultSeconds) {
        Integer seconds = input.integer("DurationSeconds");
        return context.receivedAt().plusSeconds(seconds == null ? defaultSeconds : seconds);
    }

    private static Map<String, Object> credentials(CredentialStore.SigningCredential credential) {
        return Map.of("AccessKeyId", credential.accessKeyId(),
                "SecretAccessKey", credential.secretAccessKey(),
                "SessionToken", credential.principal().sessionToken(),
                "Expiration", credential.principal().expiration());
    }

    private static Map<String, Object> assumedRoleUser(CredentialStore.SigningCredential credential) {
        return Map.of("AssumedRoleId", credential.principal().userId(), "Arn", credential.principal().arn());
    }
}
