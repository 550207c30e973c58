package dev.cloudjar.cognito.identity;

import java.util.Map;

/** An identity of an identity pool, and the logins (provider name → subject) linked to it. */
public record Identity(String identityId, String identityPoolId, Map<String, String> logins, long creationDate) {
}
