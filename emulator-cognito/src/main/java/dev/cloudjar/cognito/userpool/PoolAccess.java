package dev.cloudjar.cognito.userpool;

import dev.cloudjar.cognito.CognitoErrors;
import dev.cloudjar.cognito.client.UserPoolClient;
import dev.cloudjar.core.spi.Scope;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the pool, client and user a request names, answering Cognito's errors when they are
 * missing, and converts users to the API's shapes. Admin operations look in the caller's scope;
 * client operations (unsigned) find the client's scope through the store's index.
 */
public final class PoolAccess {
    /** A client with the scope and pool it belongs to. */
    public record ClientRef(Scope scope, UserPool pool, UserPoolClient client) {
    }

    private final UserPoolStore store;

    public PoolAccess(UserPoolStore store) {
        this.store = store;
    }

    public UserPoolStore store() {
        return store;
    }

    public UserPool pool(Scope scope, String poolId) {
        return store.pool(scope, poolId).orElseThrow(() -> CognitoErrors.userPoolNotFound(poolId));
    }

    /** A client as an unsigned request names it: by id alone. */
    public ClientRef client(String clientId) {
        String poolId = store.locateClient(clientId).orElseThrow(() -> CognitoErrors.clientNotFound(clientId));
        Scope scope = store.locatePool(poolId).orElseThrow(() -> CognitoErrors.clientNotFound(clientId));
        UserPool pool = store.pool(scope, poolId).orElseThrow(() -> CognitoErrors.clientNotFound(clientId));
        UserPoolClient client = store.client(scope, poolId, clientId)
                .orElseThrow(() -> CognitoErrors.clientNotFound(clientId));
        return new ClientRef(scope, pool, client);
    }

    /** A client as an admin request names it: a pool of the caller's scope and a client of that pool. */
    public ClientRef client(Scope scope, String poolId, String clientId) {
        UserPool pool = pool(scope, poolId);
        UserPoolClient client = store.client(scope, poolId, clientId)
                .orElseThrow(() -> CognitoErrors.clientNotFound(clientId));
        return new ClientRef(scope, pool, client);
    }

    public User user(Scope scope, UserPool pool, String username) {
        return store.user(scope, pool, username).orElseThrow(CognitoErrors::userNotFound);
    }

    /**
     * For a client with a secret, the SecretHash member of SignUp, ConfirmSignUp,
     * ResendConfirmationCode, ForgotPassword and ConfirmForgotPassword must be
     * Base64(HMAC-SHA256(secret, username + clientId)) for the username the caller sent.
     */
    public static void checkSecretHash(UserPoolClient client, String username, String secretHash) {
        checkSecretHash(client, username, secretHash, "is configured for secret but secret was not received");
    }

    /**
     * The same check for the SECRET_HASH of AuthParameters or ChallengeResponses, which Cognito
     * reports missing in its own words.
     */
    public static void checkAuthSecretHash(UserPoolClient client, String username, String secretHash) {
        checkSecretHash(client, username, secretHash, "is configured with secret but SECRET_HASH was not received");
    }

    private static void checkSecretHash(UserPoolClient client, String username, String secretHash, String missing) {
        if (client.clientSecret() == null) {
            return;
        }
        if (secretHash == null) {
            throw CognitoErrors.notAuthorized("Client " + client.clientId() + " " + missing);
        }
        if (username == null || !MessageDigest.isEqual(secretHash.getBytes(StandardCharsets.UTF_8),
                secretHash(client, username).getBytes(StandardCharsets.UTF_8))) {
            throw CognitoErrors.notAuthorized("Unable to verify secret hash for client " + client.clientId());
        }
    }

    public static String secretHash(UserPoolClient client, String username) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(client.clientSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(
                    mac.doFinal((username + client.clientId()).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Attributes in the API's form: a list of {Name, Value}. */
    public static List<Map<String, Object>> attributeList(Map<String, String> attributes, List<Object> only) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (Map.Entry<String, String> e : attributes.entrySet()) {
            if (only == null || only.isEmpty() || only.contains(e.getKey())) {
                list.add(Map.of("Name", e.getKey(), "Value", e.getValue()));
            }
        }
        return list;
    }

    /** A user as UserType (AdminCreateUser, ListUsers, ListUsersInGroup). */
    public static Map<String, Object> userType(User user, List<Object> attributesToGet) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("Username", user.username());
        out.put("Attributes", attributeList(user.attributes(), attributesToGet));
        out.put("UserCreateDate", java.time.Instant.ofEpochMilli(user.creationDate()));
        out.put("UserLastModifiedDate", java.time.Instant.ofEpochMilli(user.lastModifiedDate()));
        out.put("Enabled", user.enabled());
        out.put("UserStatus", user.status());
        return out;
    }

    /** Where Cognito would have sent a code: the masked e-mail (or phone number) of the user. */
    public static Map<String, Object> codeDelivery(User user) {
        return codeDelivery(user.attributes());
    }

    /** Where a code for a user with these attributes would have gone. */
    public static Map<String, Object> codeDelivery(Map<String, String> attributes) {
        String email = attributes.get("email");
        if (email != null) {
            int at = email.indexOf('@');
            String masked = at > 0 ? email.charAt(0) + "***@" + email.substring(at + 1, Math.min(at + 2, email.length())) + "***"
                    : "***";
            return Map.of("Destination", masked, "DeliveryMedium", "EMAIL", "AttributeName", "email");
        }
        String phone = attributes.get("phone_number");
        if (phone != null) {
            return Map.of("Destination", "+*******" + phone.substring(Math.max(0, phone.length() - 4)),
                    "DeliveryMedium", "SMS", "AttributeName", "phone_number");
        }
        return null;
    }
}
