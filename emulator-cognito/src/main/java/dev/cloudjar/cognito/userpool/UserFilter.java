package dev.cloudjar.cognito.userpool;

import dev.cloudjar.cognito.CognitoErrors;

import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ListUsers' Filter: {@code attribute = "value"} (exact) or {@code attribute ^= "value"} (prefix),
 * on the attributes Cognito allows to be searched; quotes inside the value are escaped with \.
 */
final class UserFilter {
    private static final Pattern SYNTAX = Pattern.compile("^\\s*([\\w:]+)\\s*(=|\\^=)\\s*\"((?:[^\"\\\\]|\\\\.)*)\"\\s*$");
    private static final Set<String> SEARCHABLE = Set.of("username", "email", "phone_number", "name", "given_name",
            "family_name", "preferred_username", "cognito:user_status", "status", "sub");

    private UserFilter() {
    }

    static Predicate<User> parse(String filter) {
        if (filter == null || filter.isBlank()) {
            return user -> true;
        }
        Matcher m = SYNTAX.matcher(filter);
        if (!m.matches()) {
            throw CognitoErrors.invalidParameter("Error while parsing filter.");
        }
        String attribute = m.group(1);
        if (!SEARCHABLE.contains(attribute)) {
            throw CognitoErrors.invalidParameter("Invalid search attribute: " + attribute);
        }
        boolean prefix = m.group(2).equals("^=");
        String value = m.group(3).replaceAll("\\\\(.)", "$1");
        return user -> {
            String actual = valueOf(user, attribute);
            if (actual == null) {
                return false;
            }
            // Cognito compares usernames and e-mail addresses without regard to case.
            boolean fold = attribute.equals("username") || attribute.equals("email");
            String a = fold ? actual.toLowerCase(Locale.ROOT) : actual;
            String v = fold ? value.toLowerCase(Locale.ROOT) : value;
            return prefix ? a.startsWith(v) : a.equals(v);
        };
    }

    private static String valueOf(User user, String attribute) {
        return switch (attribute) {
            case "username" -> user.username();
            case "cognito:user_status" -> user.status();
            case "status" -> user.enabled() ? "Enabled" : "Disabled";
            default -> user.attribute(attribute);
        };
    }
}
