package dev.cloudjar.cognito.userpool;

import dev.cloudjar.cognito.CognitoErrors;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** A pool's attribute schema: Cognito's standard attributes plus the pool's custom:* ones. */
public final class Schema {
    private static final List<String> STANDARD = List.of("sub", "name", "given_name", "family_name", "middle_name",
            "nickname", "preferred_username", "profile", "picture", "website", "email", "email_verified", "gender",
            "birthdate", "zoneinfo", "locale", "phone_number", "phone_number_verified", "address", "updated_at");
    private static final Set<String> BOOLEANS = Set.of("email_verified", "phone_number_verified");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");
    private static final Pattern PHONE_NUMBER = Pattern.compile("\\+[0-9]{4,15}");

    private Schema() {
    }

    /** The schema of a new pool: the standard attributes, with the Schema members of CreateUserPool applied. */
    public static List<Map<String, Object>> create(List<Object> requested) {
        List<Map<String, Object>> schema = new ArrayList<>();
        for (String name : STANDARD) {
            schema.add(standard(name));
        }
        return add(schema, requested == null ? List.of() : requested, true);
    }

    /** The schema with attributes added (CreateUserPool's Schema, AddCustomAttributes). */
    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> add(List<Map<String, Object>> schema, List<Object> requested, boolean creating) {
        List<Map<String, Object>> result = new ArrayList<>(schema);
        for (Object o : requested) {
            Map<String, Object> attribute = (Map<String, Object>) o;
            String name = String.valueOf(attribute.get("Name"));
            int standardIndex = creating ? STANDARD.indexOf(name) : -1;
            if (standardIndex >= 0) {
                Map<String, Object> merged = new LinkedHashMap<>(result.get(standardIndex));
                copy(attribute, merged, "Required", "Mutable", "StringAttributeConstraints", "NumberAttributeConstraints");
                result.set(standardIndex, merged);
                continue;
            }
            if (Boolean.TRUE.equals(attribute.get("Required"))) {
                throw CognitoErrors.invalidParameter("Required custom attributes are not supported currently.");
            }
            String customName = "custom:" + name;
            if (result.stream().anyMatch(a -> customName.equals(a.get("Name")))) {
                throw CognitoErrors.invalidParameter("Existing attribute already has name " + customName + ".");
            }
            Map<String, Object> custom = new LinkedHashMap<>();
            custom.put("Name", customName);
            custom.put("AttributeDataType", attribute.getOrDefault("AttributeDataType", "String"));
            custom.put("DeveloperOnlyAttribute", Boolean.TRUE.equals(attribute.get("DeveloperOnlyAttribute")));
            custom.put("Mutable", !Boolean.FALSE.equals(attribute.get("Mutable")));
            custom.put("Required", false);
            copy(attribute, custom, "StringAttributeConstraints", "NumberAttributeConstraints");
            result.add(custom);
        }
        return result;
    }

    /**
     * Checks attributes a caller sets against the schema and merges them into {@code current}.
     *
     * @param creating whether the user is being created (immutable attributes may be set only then)
     */
    @SuppressWarnings("unchecked")
    public static Map<String, String> apply(UserPool pool, Map<String, String> current, List<Object> attributes,
                                            boolean creating) {
        Map<String, String> result = new LinkedHashMap<>(current);
        for (Object o : attributes == null ? List.of() : attributes) {
            Map<String, Object> attribute = (Map<String, Object>) o;
            String name = String.valueOf(attribute.get("Name"));
            Map<String, Object> definition = definition(pool, name);
            if (definition == null) {
                throw nonConforming(name, "Attribute does not exist in the schema.");
            }
            if (name.equals("sub") || (!creating && Boolean.FALSE.equals(definition.get("Mutable")))) {
                throw CognitoErrors.invalidParameter("Cannot modify the non-mutable attribute " + name);
            }
            Object value = attribute.get("Value");
            if (value == null || value.toString().isEmpty()) {
                result.remove(name);
            } else {
                String text = value.toString();
                if (BOOLEANS.contains(name) && !text.equals("true") && !text.equals("false")) {
                    throw nonConforming(name, "Attribute value for " + name + " must be either true or false.");
                }
                checkFormat(name, text);
                result.put(name, text);
            }
        }
        return result;
    }

    /**
     * Checks that every attribute the schema requires is present; Cognito names every missing
     * one, a line each: {@code ...schema: name: The attribute is required\nemail: The attribute is required}.
     */
    public static void checkRequired(UserPool pool, Map<String, String> attributes) {
        List<String> missing = new ArrayList<>();
        for (Map<String, Object> definition : pool.schema()) {
            String name = String.valueOf(definition.get("Name"));
            if (Boolean.TRUE.equals(definition.get("Required")) && !name.equals("sub") && !attributes.containsKey(name)) {
                missing.add(name + ": The attribute is required");
            }
        }
        if (!missing.isEmpty()) {
            throw CognitoErrors.invalidParameter("Attributes did not conform to the schema: " + String.join("\n", missing));
        }
    }

    /** Cognito checks the form of e-mail addresses and of phone numbers (E.164: + and digits). */
    private static void checkFormat(String name, String value) {
        if (name.equals("email") && !EMAIL.matcher(value).matches()) {
            throw CognitoErrors.invalidParameter("Invalid email address format.");
        }
        if (name.equals("phone_number") && !PHONE_NUMBER.matcher(value).matches()) {
            throw CognitoErrors.invalidParameter("Invalid phone number format.");
        }
    }

    /** Whether a name has the form of an e-mail address. */
    public static boolean isEmail(String value) {
        return EMAIL.matcher(value).matches();
    }

    /** Whether a name has the form of a phone number. */
    public static boolean isPhoneNumber(String value) {
        return PHONE_NUMBER.matcher(value).matches();
    }

    private static Map<String, Object> definition(UserPool pool, String name) {
        for (Map<String, Object> definition : pool.schema()) {
            if (name.equals(definition.get("Name"))) {
                return definition;
            }
        }
        return null;
    }

    private static RuntimeException nonConforming(String name, String reason) {
        return CognitoErrors.invalidParameter("Attributes did not conform to the schema: " + name + ": " + reason);
    }

    private static Map<String, Object> standard(String name) {
        Map<String, Object> attribute = new LinkedHashMap<>();
        attribute.put("Name", name);
        attribute.put("AttributeDataType", BOOLEANS.contains(name) ? "Boolean"
                : name.equals("updated_at") ? "Number" : "String");
        attribute.put("DeveloperOnlyAttribute", false);
        attribute.put("Mutable", !name.equals("sub"));
        attribute.put("Required", name.equals("sub"));
        if (name.equals("updated_at")) {
            attribute.put("NumberAttributeConstraints", Map.of("MinValue", "0"));
        } else if (!BOOLEANS.contains(name)) {
            attribute.put("StringAttributeConstraints", Map.of("MinLength", name.equals("sub") ? "1" : "0",
                    "MaxLength", "2048"));
        }
        return attribute;
    }

    private static void copy(Map<String, Object> from, Map<String, Object> to, String... members) {
        for (String member : members) {
            if (from.get(member) != null) {
                to.put(member, from.get(member));
            }
        }
    }
}
