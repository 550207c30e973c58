package dev.cloudjar.cognito.client;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** An app client of a user pool; settings as the API sets them (ExplicitAuthFlows, validities, ...). */
public record UserPoolClient(String clientId, String userPoolId, String clientName, String clientSecret,
                             long creationDate, long lastModifiedDate, Map<String, Object> settings) {

    /** What a client allows when created without ExplicitAuthFlows, as Cognito documents. */
    private static final List<String> DEFAULT_FLOWS =
            List.of("ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_CUSTOM_AUTH");

    @SuppressWarnings("unchecked")
    public List<String> explicitAuthFlows() {
        Object flows = settings.get("ExplicitAuthFlows");
        return flows == null || ((List<String>) flows).isEmpty() ? DEFAULT_FLOWS : (List<String>) flows;
    }

    /** Whether a flow is allowed under its ALLOW_ name or its legacy name. */
    public boolean allows(String allowName, String legacyName) {
        List<String> flows = explicitAuthFlows();
        return flows.contains(allowName) || (legacyName != null && flows.contains(legacyName));
    }

    /** Whether GetTokensFromRefreshToken rotates refresh tokens (RefreshTokenRotation.Feature ENABLED). */
    public boolean rotatesRefreshTokens() {
        return settings.get("RefreshTokenRotation") instanceof Map<?, ?> rotation && "ENABLED".equals(rotation.get("Feature"));
    }

    /** How long a refresh token rotated out stays usable, for a client's retries (0 to 60 s). */
    public Duration refreshTokenRetryGracePeriod() {
        return settings.get("RefreshTokenRotation") instanceof Map<?, ?> rotation
                && rotation.get("RetryGracePeriodSeconds") instanceof Number seconds
                ? Duration.ofSeconds(seconds.longValue()) : Duration.ZERO;
    }

    public boolean preventsUserExistenceErrors() {
        return "ENABLED".equals(settings.get("PreventUserExistenceErrors"));
    }

    public Duration accessTokenValidity() {
        return validity("AccessTokenValidity", "AccessToken", 60, "minutes");
    }

    public Duration idTokenValidity() {
        return validity("IdTokenValidity", "IdToken", 60, "minutes");
    }

    public Duration refreshTokenValidity() {
        return validity("RefreshTokenValidity", "RefreshToken", 30, "days");
    }

    /** Validities count in TokenValidityUnits; without units access and ID tokens count hours, refresh tokens days. */
    @SuppressWarnings("unchecked")
    private Duration validity(String setting, String unitName, long defaultAmount, String defaultUnit) {
        Object amount = settings.get(setting);
        if (amount == null) {
            return unit(defaultUnit).multipliedBy(defaultAmount);
        }
        Map<String, Object> units = (Map<String, Object>) settings.get("TokenValidityUnits");
        Object unit = units == null ? null : units.get(unitName);
        String fallback = unitName.equals("RefreshToken") ? "days" : "hours";
        return unit(unit == null ? fallback : unit.toString()).multipliedBy(((Number) amount).longValue());
    }

    private static Duration unit(String name) {
        return switch (name) {
            case "seconds" -> Duration.ofSeconds(1);
            case "minutes" -> Duration.ofMinutes(1);
            case "hours" -> Duration.ofHours(1);
            default -> Duration.ofDays(1);
        };
    }

    public UserPoolClient withSettings(String newName, Map<String, Object> newSettings, long now) {
        return new UserPoolClient(clientId, userPoolId, newName, clientSecret, creationDate, now, newSettings);
    }
}
