package dev.cloudjar.cognito.auth;

import dev.cloudjar.cognito.CognitoErrors;
import dev.cloudjar.cognito.userpool.AuthSession;
import dev.cloudjar.cognito.userpool.PoolAccess;
import dev.cloudjar.cognito.userpool.User;
import dev.cloudjar.cognito.userpool.UserOperations;
import dev.cloudjar.cognito.userpool.Users;
import dev.cloudjar.core.spi.Input;
import dev.cloudjar.core.spi.OperationTable;
import dev.cloudjar.core.spi.Output;
import dev.cloudjar.core.spi.RecordJson;
import dev.cloudjar.core.spi.RequestContext;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * InitiateAuth, AdminInitiateAuth, RespondToAuthChallenge and AdminRespondToAuthChallenge: the
 * password flows, USER_SRP_AUTH with its PASSWORD_VERIFIER challenge, REFRESH_TOKEN_AUTH, and
 * NEW_PASSWORD_REQUIRED for users an administrator created.
 */
public final class AuthOperations {
    /**
     * The server's half of an SRP login, sealed into SECRET_BLOCK between the two calls; no
     * username for the simulated challenge of an unknown user.
     */
    record SrpState(String poolId, String username, String bigA, String b, long expiresAt) {
    }

    /** A pending challenge, sealed into Session. */
    record ChallengeState(String challenge, String poolId, String clientId, String username, long expiresAt) {
    }

    private static final Duration SRP_VALIDITY = Duration.ofMinutes(5);

    private final PoolAccess access;
    private final Users users;
    private final SignIns signIns;
    private final Sealer sealer = new Sealer();
    private final SecureRandom random = new SecureRandom();

    public AuthOperations(PoolAccess access, Users users, SignIns signIns) {
        this.access = access;
        this.users = users;
        this.signIns = signIns;
    }

    public void register(OperationTable table) {
        table.on("InitiateAuth", (c, i) -> initiateAuth(c, i, access.client(i.string("ClientId")), false))
                .on("AdminInitiateAuth", (c, i) -> initiateAuth(c, i,
                        access.client(c.scope(), i.string("UserPoolId"), i.string("ClientId")), true))
                .on("GetTokensFromRefreshToken", (c, i) -> getTokensFromRefreshToken(c, i, access.client(i.string("ClientId"))))
                .on("RespondToAuthChallenge", (c, i) -> respondToAuthChallenge(c, i, access.client(i.string("ClientId"))))
                .on("AdminRespondToAuthChallenge", (c, i) -> respondToAuthChallenge(c, i,
                        access.client(c.scope(), i.string("UserPoolId"), i.string("ClientId"))));
    }

    Output initiateAuth(RequestContext context, Input input, PoolAccess.ClientRef ref, boolean admin) {
        Map<String, Object> parameters = input.has("AuthParameters") ? input.map("AuthParameters") : Map.of();
        String flow = input.string("AuthFlow");
        return switch (flow) {
            case "USER_PASSWORD_AUTH" -> {
                requireFlow(ref, "ALLOW_USER_PASSWORD_AUTH", "USER_PASSWORD_AUTH",
                        "USER_PASSWORD_AUTH flow not enabled for this client");
                yield passwordAuth(context, ref, parameters);
            }
            case "ADMIN_USER_PASSWORD_AUTH", "ADMIN_NO_SRP_AUTH" -> {
                if (!admin) {
                    throw CognitoErrors.invalidParameter("Initiate Auth method not supported.");
                }
                requireFlow(ref, "ALLOW_ADMIN_USER_PASSWORD_AUTH", "ADMIN_NO_SRP_AUTH", "Auth flow not enabled for this client");
                yield passwordAuth(context, ref, parameters);
            }
            case "USER_SRP_AUTH" -> {
                requireFlow(ref, "ALLOW_USER_SRP_AUTH", null, "USER_SRP_AUTH is not enabled for the client.");
                yield srpAuth(context, ref, parameters);
            }
            case "REFRESH_TOKEN_AUTH", "REFRESH_TOKEN" -> {
                // With rotation the client renews only through GetTokensFromRefreshToken, as Cognito documents.
                if (ref.client().rotatesRefreshTokens()) {
                    throw CognitoErrors.invalidParameter(flow + " flow not enabled for this client");
                }
                requireFlow(ref, "ALLOW_REFRESH_TOKEN_AUTH", null, flow + " flow not enabled for this client");
                yield refreshTokenAuth(context, ref, parameters);
            }
            default -> throw CognitoErrors.invalidParameter("Unsupported auth flow " + flow + " for this client.");
        };
    }

    Output respondToAuthChallenge(RequestContext context, Input input, PoolAccess.ClientRef ref) {
        Map<String, Object> responses = input.has("ChallengeResponses") ? input.map("ChallengeResponses") : Map.of();
        return switch (input.string("ChallengeName")) {
            case "PASSWORD_VERIFIER" -> passwordVerifier(context, ref, responses);
            case "NEW_PASSWORD_REQUIRED" -> newPasswordRequired(context, ref, responses, input.string("Session"));
            default -> throw CognitoErrors.invalidParameter("Unsupported challenge " + input.string("ChallengeName"));
        };
    }

    private Output passwordAuth(RequestContext context, PoolAccess.ClientRef ref, Map<String, Object> parameters) {
        String name = required(parameters, "USERNAME");
        String password = required(parameters, "PASSWORD");
        PoolAccess.checkAuthSecretHash(ref.client(), name, string(parameters, "SECRET_HASH"));
        User user = signInUser(ref, name);
        checkCanSignIn(user);
        if (!users.passwords().matches(user.password(), password)) {
            throw CognitoErrors.incorrectCredentials();
        }
        return afterPassword(context, ref, user);
    }

    /** What follows a correct password: the user's state decides between tokens and a challenge. */
    private Output afterPassword(RequestContext context, PoolAccess.ClientRef ref, User user) {
        long now = context.receivedAt().toEpochMilli();
        switch (user.status()) {
            case User.UNCONFIRMED -> throw CognitoErrors.userNotConfirmed();
            case User.RESET_REQUIRED -> throw CognitoErrors.passwordResetRequired();
            case User.FORCE_CHANGE_PASSWORD -> {
                if (now >= user.temporaryPasswordExpiry()) {
                    throw CognitoErrors.notAuthorized(
                            "Temporary password has expired and must be reset by an administrator.");
                }
                return newPasswordChallenge(ref, user, now);
            }
            default -> {
                return Output.of("ChallengeParameters", Map.of())
                        .put("AuthenticationResult", signIns.signIn(context, ref, user));
            }
        }
    }

    private Output newPasswordChallenge(PoolAccess.ClientRef ref, User user, long now) {
        Map<String, Object> userAttributes = new LinkedHashMap<>(user.attributes());
        userAttributes.remove("sub");
        String session = sealer.seal(new ChallengeState("NEW_PASSWORD_REQUIRED", ref.pool().id(),
                ref.client().clientId(), user.username(), now + sessionValidity(ref).toMillis()));
        return Output.of("ChallengeName", "NEW_PASSWORD_REQUIRED")
                .put("Session", session)
                .put("ChallengeParameters", Map.of("USER_ID_FOR_SRP", user.username(), "requiredAttributes", "[]",
                        "userAttributes", new String(RecordJson.write(userAttributes), StandardCharsets.UTF_8)));
    }

    private Output newPasswordRequired(RequestContext context, PoolAccess.ClientRef ref, Map<String, Object> responses,
                                       String session) {
        long now = context.receivedAt().toEpochMilli();
        String newPassword = required(responses, "NEW_PASSWORD");
        String name = required(responses, "USERNAME");
        ChallengeState state = sealer.open(session, ChallengeState.class)
                .filter(s -> s.challenge().equals("NEW_PASSWORD_REQUIRED") && s.clientId().equals(ref.client().clientId()))
                .orElseThrow(() -> CognitoErrors.notAuthorized("Invalid session for the user."));
        if (now >= state.expiresAt()) {
            throw CognitoErrors.notAuthorized("Invalid session for the user, session is expired.");
        }
        PoolAccess.checkAuthSecretHash(ref.client(), name, string(responses, "SECRET_HASH"));
        List<Object> attributes = new ArrayList<>();
        for (Map.Entry<String, Object> e : responses.entrySet()) {
            if (e.getKey().startsWith("userAttributes.")) {
                attributes.add(Map.of("Name", e.getKey().substring("userAttributes.".length()), "Value", e.getValue()));
            }
        }
        User user = users.update(ref.scope(), ref.pool(), state.username(), u -> {
            if (!User.FORCE_CHANGE_PASSWORD.equals(u.status())) {
                throw CognitoErrors.notAuthorized("Invalid session for the user.");
            }
            User withAttributes = attributes.isEmpty() ? u
                    : UserOperations.updateAttributes(ref.pool(), u, attributes, now);
            return withAttributes.withPassword(users.permanentPassword(ref.pool(), u, newPassword), User.CONFIRMED, 0, now);
        });
        return Output.of("ChallengeParameters", Map.of())
                .put("AuthenticationResult", signIns.signIn(context, ref, user));
    }

    /** USER_SRP_AUTH: answers PASSWORD_VERIFIER with the salt, B and the sealed server state. */
    private Output srpAuth(RequestContext context, PoolAccess.ClientRef ref, Map<String, Object> parameters) {
        String name = required(parameters, "USERNAME");
        BigInteger bigA;
        try {
            bigA = new BigInteger(required(parameters, "SRP_A"), 16);
        } catch (NumberFormatException notHex) {
            throw CognitoErrors.invalidParameter("Invalid SRP_A value.");
        }
        if (bigA.mod(Srp.N).signum() == 0) {
            throw CognitoErrors.invalidParameter("Invalid SRP_A value.");
        }
        PoolAccess.checkAuthSecretHash(ref.client(), name, string(parameters, "SECRET_HASH"));
        long expires = context.receivedAt().plus(SRP_VALIDITY).toEpochMilli();
        Optional<User> found = access.store().userBySignInName(ref.scope(), ref.pool(), name);
        if (found.isEmpty()) {
            if (!ref.client().preventsUserExistenceErrors()) {
                throw CognitoErrors.userNotFound();
            }
            return simulatedPasswordVerifier(ref, name, bigA, expires);
        }
        User user = found.get();
        BigInteger verifier = new BigInteger(user.password().srpVerifier(), 16);
        Srp.ServerKey server = Srp.serverKey(verifier, random);
        String secretBlock = sealer.seal(new SrpState(ref.pool().id(), user.username(), bigA.toString(16),
                server.b().toString(16), expires));
        return passwordVerifierChallenge(user.password().srpSalt(), secretBlock, server, user.username());
    }

    /**
     * What Cognito answers an unknown user with when the client prevents user existence errors:
     * a PASSWORD_VERIFIER challenge like any other (the same salt and user id for the same name,
     * as RFC 5054's simulated response has it) whose SECRET_BLOCK names no user, so the answer
     * to it is "Incorrect username or password.".
     */
    private Output simulatedPasswordVerifier(PoolAccess.ClientRef ref, String name, BigInteger bigA, long expires) {
        byte[] seed = (ref.pool().id() + "\0" + name).getBytes(StandardCharsets.UTF_8);
        String userId = UUID.nameUUIDFromBytes(seed).toString();
        String salt = new BigInteger(1, Srp.hmac(seed, "salt".getBytes(StandardCharsets.UTF_8))).shiftRight(128).toString(16);
        Srp.ServerKey server = Srp.serverKey(new BigInteger(1024, random), random);
        String secretBlock = sealer.seal(new SrpState(ref.pool().id(), null, bigA.toString(16),
                server.b().toString(16), expires));
        return passwordVerifierChallenge(salt, secretBlock, server, userId);
    }

    private static Output passwordVerifierChallenge(String salt, String secretBlock, Srp.ServerKey server, String userId) {
        return Output.of("ChallengeName", "PASSWORD_VERIFIER")
                .put("ChallengeParameters", Map.of("SALT", salt, "SECRET_BLOCK", secretBlock,
                        "SRP_B", server.bigB().toString(16), "USERNAME", userId, "USER_ID_FOR_SRP", userId));
    }

    private Output passwordVerifier(RequestContext context, PoolAccess.ClientRef ref, Map<String, Object> responses) {
        String secretBlock = required(responses, "PASSWORD_CLAIM_SECRET_BLOCK");
        String signature = required(responses, "PASSWORD_CLAIM_SIGNATURE");
        String timestamp = required(responses, "TIMESTAMP");
        String name = required(responses, "USERNAME");
        PoolAccess.checkAuthSecretHash(ref.client(), name, string(responses, "SECRET_HASH"));
        SrpState state = sealer.open(secretBlock, SrpState.class)
                .filter(s -> s.poolId().equals(ref.pool().id()))
                .orElseThrow(CognitoErrors::incorrectCredentials);
        if (context.receivedAt().toEpochMilli() >= state.expiresAt()) {
            throw CognitoErrors.notAuthorized("Invalid session for the user, session is expired.");
        }
        if (state.username() == null) {
            throw CognitoErrors.incorrectCredentials();
        }
        User user = access.store().user(ref.scope(), ref.pool(), state.username())
                .orElseThrow(CognitoErrors::userNotFound);
        checkCanSignIn(user);
        BigInteger verifier = new BigInteger(user.password().srpVerifier(), 16);
        BigInteger b = new BigInteger(state.b(), 16);
        Srp.ServerKey server = new Srp.ServerKey(b, Srp.K.multiply(verifier).add(Srp.G.modPow(b, Srp.N)).mod(Srp.N));
        byte[] expected = Srp.expectedSignature(new BigInteger(state.bigA(), 16), server, verifier,
                ref.pool().shortName(), user.username(), Base64.getDecoder().decode(secretBlock), timestamp);
        byte[] given;
        try {
            given = Base64.getDecoder().decode(signature);
        } catch (IllegalArgumentException e) {
            throw CognitoErrors.incorrectCredentials();
        }
        if (!MessageDigest.isEqual(expected, given)) {
            throw CognitoErrors.incorrectCredentials();
        }
        return afterPassword(context, ref, user);
    }

    /** REFRESH_TOKEN_AUTH: new ID and access tokens for the refresh token's sign-in; no new refresh token. */
    private Output refreshTokenAuth(RequestContext context, PoolAccess.ClientRef ref, Map<String, Object> parameters) {
        String refreshToken = required(parameters, "REFRESH_TOKEN");
        AuthSession session = refreshedSession(context, ref, refreshToken,
                access.store().rotatedOutUntil(ref.scope(), refreshToken));
        User user = sessionUser(ref, session);
        if (ref.client().clientSecret() != null) {
            // Clients with a secret hash the username, or for e-mail pools the sub, into SECRET_HASH.
            String hash = string(parameters, "SECRET_HASH");
            String given = string(parameters, "USERNAME");
            PoolAccess.checkAuthSecretHash(ref.client(), given != null ? given : user.username(), hash);
        }
        checkEnabled(user);
        return Output.of("ChallengeParameters", Map.of())
                .put("AuthenticationResult", signIns.tokens(context, ref, user, session));
    }

    /**
     * GetTokensFromRefreshToken: new ID and access tokens, and with refresh token rotation a new
     * refresh token too, whose sign-in then lasts a new refresh validity; the token it replaces
     * stays usable for the client's RetryGracePeriodSeconds, then answers RefreshTokenReuseException.
     * A client with a secret sends the secret itself, not a hash.
     */
    Output getTokensFromRefreshToken(RequestContext context, Input input, PoolAccess.ClientRef ref) {
        String secret = ref.client().clientSecret();
        if (secret != null) {
            String given = input.has("ClientSecret") ? input.string("ClientSecret") : null;
            if (given == null) {
                throw CognitoErrors.notAuthorized("Client " + ref.client().clientId()
                        + " is configured with secret but ClientSecret was not received");
            }
            if (!MessageDigest.isEqual(secret.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8))) {
                throw CognitoErrors.notAuthorized("Unable to verify secret for client " + ref.client().clientId());
            }
        }
        String refreshToken = input.string("RefreshToken");
        Optional<Long> rotatedOut = access.store().rotatedOutUntil(ref.scope(), refreshToken);
        AuthSession session = refreshedSession(context, ref, refreshToken, rotatedOut);
        User user = sessionUser(ref, session);
        checkEnabled(user);
        if (!ref.client().rotatesRefreshTokens()) {
            return Output.of("AuthenticationResult", signIns.tokens(context, ref, user, session));
        }
        long now = context.receivedAt().toEpochMilli();
        AuthSession renewed = new AuthSession(session.originJti(), session.username(), session.clientId(),
                session.authTime(), now + ref.client().refreshTokenValidity().toMillis());
        String newToken = signIns.newRefreshToken();
        // A retry within the grace period rotates again, but never lengthens the old token's grace.
        long graceEnd = now + ref.client().refreshTokenRetryGracePeriod().toMillis();
        long oldValidUntil = rotatedOut.map(until -> Math.min(until, graceEnd)).orElse(graceEnd);
        access.store().rotateRefreshToken(ref.scope(), ref.pool().id(), renewed, refreshToken, newToken, oldValidUntil);
        Map<String, Object> result = signIns.tokens(context, ref, user, renewed);
        result.put("RefreshToken", newToken);
        return Output.of("AuthenticationResult", result);
    }

    /**
     * The live sign-in a refresh token of this client belongs to; NotAuthorizedException as Cognito
     * words it otherwise, RefreshTokenReuseException for a token rotated out (until when it stays
     * usable is read by the caller, which needs it again to rotate).
     */
    private AuthSession refreshedSession(RequestContext context, PoolAccess.ClientRef ref, String refreshToken,
                                         Optional<Long> rotatedOut) {
        long now = context.receivedAt().toEpochMilli();
        if (rotatedOut.isPresent() && now >= rotatedOut.get()) {
            throw CognitoErrors.refreshTokenReuse();
        }
        AuthSession session = access.store().sessionOfRefreshToken(ref.scope(), refreshToken)
                .orElseThrow(() -> access.store().refreshTokenIssued(ref.scope(), refreshToken)
                        ? CognitoErrors.notAuthorized("Refresh Token has been revoked")
                        : CognitoErrors.notAuthorized("Invalid Refresh Token"));
        if (!session.clientId().equals(ref.client().clientId())) {
            throw CognitoErrors.notAuthorized("Invalid Refresh Token");
        }
        if (now >= session.refreshExpiry()) {
            throw CognitoErrors.notAuthorized("Refresh Token has expired");
        }
        return session;
    }

    private User sessionUser(PoolAccess.ClientRef ref, AuthSession session) {
        return access.store().user(ref.scope(), ref.pool(), session.username()).orElseThrow(CognitoErrors::userNotFound);
    }

    private static void checkEnabled(User user) {
        if (!user.enabled()) {
            throw CognitoErrors.notAuthorized("User is disabled.");
        }
    }

    /**
     * A disabled or unconfirmed user is told so before the password is checked: Cognito answers
     * UserNotConfirmedException even to a wrong password, so that apps can send the user on to
     * confirmation.
     */
    private static void checkCanSignIn(User user) {
        checkEnabled(user);
        if (User.UNCONFIRMED.equals(user.status())) {
            throw CognitoErrors.userNotConfirmed();
        }
    }

    private User signInUser(PoolAccess.ClientRef ref, String name) {
        return access.store().userBySignInName(ref.scope(), ref.pool(), name).orElseThrow(() ->
                ref.client().preventsUserExistenceErrors() ? CognitoErrors.incorrectCredentials()
                        : CognitoErrors.userNotFound());
    }

    private static Duration sessionValidity(PoolAccess.ClientRef ref) {
        Object minutes = ref.client().settings().get("AuthSessionValidity");
        return Duration.ofMinutes(minutes == null ? 3 : ((Number) minutes).longValue());
    }

    /** Cognito words a disabled flow differently per flow; the admin flows are not even named. */
    private static void requireFlow(PoolAccess.ClientRef ref, String allowName, String legacyName, String message) {
        if (!ref.client().allows(allowName, legacyName)) {
            throw CognitoErrors.invalidParameter(message);
        }
    }

    private static String string(Map<String, Object> parameters, String name) {
        Object value = parameters.get(name);
        return value == null ? null : value.toString();
    }

    private static String required(Map<String, Object> parameters, String name) {
        String value = string(parameters, name);
        if (value == null) {
            throw CognitoErrors.invalidParameter("Missing required parameter " + name);
        }
        return value;
    }
}
