package dev.cloudjar.cognito.identity;

import java.util.List;
import java.util.Map;

/**
 * An identity pool: its settings as the API sets them (CognitoIdentityProviders,
 * AllowUnauthenticatedIdentities, ...), its roles by type ("authenticated", "unauthenticated")
 * and its role mappings by provider name.
 */
public record IdentityPool(String identityPoolId, String identityPoolName, Map<String, Object> settings,
                           Map<String, String> roles, Map<String, Object> roleMappings) {

    public boolean allowsUnauthenticated() {
        return Boolean.TRUE.equals(settings.get("AllowUnauthenticatedIdentities"));
    }

    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> cognitoProviders() {
        Object providers = settings.get("CognitoIdentityProviders");
        return providers == null ? List.of() : (List<Map<String, Object>>) providers;
    }

    public IdentityPool withRoles(Map<String, String> newRoles, Map<String, Object> newMappings) {
        return new IdentityPool(identityPoolId, identityPoolName, settings, newRoles, newMappings);
    }
}
