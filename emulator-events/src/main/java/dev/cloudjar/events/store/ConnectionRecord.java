package dev.cloudjar.events.store;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An API destinations connection as stored: its AuthParameters as CreateConnection or
 * UpdateConnection gave them (secrets included: they are what the requests send; no answer shows
 * them), its state, and for OAUTH_CLIENT_CREDENTIALS the access token the authorization endpoint
 * gave (null until it has).
 *
 * @param authParameters the AuthParameters structure as the request had it (BasicAuthParameters,
 *                       ApiKeyAuthParameters, OAuthParameters, InvocationHttpParameters)
 */
public record ConnectionRecord(String name, String arn, String description, String authorizationType,
                               Map<String, Object> authParameters, String state, String stateReason, String secretArn,
                               String accessToken, long creationTime, long lastModifiedTime, Long lastAuthorizedTime) {
    public ConnectionRecord {
        authParameters = authParameters == null ? Map.of() : new LinkedHashMap<>(authParameters);
    }

    public ConnectionRecord authorized(String token, long now) {
        return new ConnectionRecord(name, arn, description, authorizationType, authParameters, "AUTHORIZED", null,
                secretArn, token, creationTime, lastModifiedTime, now);
    }

    public ConnectionRecord withState(String changed, String reason, long now) {
        return new ConnectionRecord(name, arn, description, authorizationType, authParameters, changed, reason,
                secretArn, changed.equals("AUTHORIZED") ? accessToken : null, creationTime, now, lastAuthorizedTime);
    }
}
