package dev.cloudjar.cognito.userpool;

import java.util.List;
import java.util.Map;

/**
 * A user pool: its identity, the settings as the API sets them (Policies, AutoVerifiedAttributes,
 * UsernameAttributes, ...: kept as the API's members so DescribeUserPool echoes them), its
 * schema and its signing key.
 */
public record UserPool(String id, String name, String arn, long creationDate, long lastModifiedDate,
                       Map<String, Object> settings, List<Map<String, Object>> schema, SigningKey signingKey) {

    /** The part of the id after the region, which SRP hashes into the password verifier. */
    public String shortName() {
        return id.substring(id.indexOf('_') + 1);
    }

    public String region() {
        return id.substring(0, id.indexOf('_'));
    }

    @SuppressWarnings("unchecked")
    public PasswordPolicy passwordPolicy() {
        Map<String, Object> policies = (Map<String, Object>) settings.get("Policies");
        Map<String, Object> policy = policies == null ? null : (Map<String, Object>) policies.get("PasswordPolicy");
        return PasswordPolicy.of(policy == null ? Map.of() : policy);
    }

    public List<String> usernameAttributes() {
        return strings("UsernameAttributes");
    }

    public List<String> aliasAttributes() {
        return strings("AliasAttributes");
    }

    public List<String> autoVerifiedAttributes() {
        return strings("AutoVerifiedAttributes");
    }

    /** Pools are case sensitive unless created with UsernameConfiguration.CaseSensitive = false. */
    @SuppressWarnings("unchecked")
    public boolean caseSensitive() {
        Map<String, Object> config = (Map<String, Object>) settings.get("UsernameConfiguration");
        return config == null || !Boolean.FALSE.equals(config.get("CaseSensitive"));
    }

    @SuppressWarnings("unchecked")
    public boolean adminCreateUserOnly() {
        Map<String, Object> config = (Map<String, Object>) settings.get("AdminCreateUserConfig");
        return config != null && Boolean.TRUE.equals(config.get("AllowAdminCreateUserOnly"));
    }

    /** Attributes a user may sign in with besides the username. */
    public List<String> signInAttributes() {
        return usernameAttributes().isEmpty() ? aliasAttributes() : usernameAttributes();
    }

    /**
     * The value a user signs in with for one of {@link #signInAttributes()}, or null. An e-mail
     * or phone number alias counts only once verified, as in Cognito: until then another user may
     * hold the same address, and the conflict surfaces as AliasExistsException when one of them
     * verifies it. Username attributes and preferred_username count as soon as they are set.
     */
    public String signInValue(User user, String attribute) {
        String value = user.attribute(attribute);
        if (value == null || usernameAttributes().contains(attribute) || attribute.equals("preferred_username")) {
            return value;
        }
        return user.verified(attribute) ? value : null;
    }

    public UserPool withSettings(Map<String, Object> newSettings, long now) {
        return new UserPool(id, name, arn, creationDate, now, newSettings, schema, signingKey);
    }

    public UserPool withSchema(List<Map<String, Object>> newSchema, long now) {
        return new UserPool(id, name, arn, creationDate, now, settings, newSchema, signingKey);
    }

    @SuppressWarnings("unchecked")
    private List<String> strings(String setting) {
        Object value = settings.get(setting);
        return value == null ? List.of() : (List<String>) value;
    }
}
