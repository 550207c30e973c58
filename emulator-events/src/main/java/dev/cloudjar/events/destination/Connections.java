package dev.cloudjar.events.destination;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a connection's stored AuthParameters: the parameters of its authorization type, and the
 * key/value lists of a ConnectionHttpParameters ({@code [{Key, Value, IsValueSecret}]}).
 */
final class Connections {
    static final String BASIC = "BASIC";
    static final String API_KEY = "API_KEY";
    static final String OAUTH = "OAUTH_CLIENT_CREDENTIALS";

    private Connections() {
    }

    /** The AuthParameters member an authorization type needs. */
    static String parametersOf(String authorizationType) {
        return switch (authorizationType) {
            case BASIC -> "BasicAuthParameters";
            case API_KEY -> "ApiKeyAuthParameters";
            default -> "OAuthParameters";
        };
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    static String string(Map<String, Object> map, String member) {
        Object value = map.get(member);
        return value == null ? null : value.toString();
    }

    /** The Key/Value pairs of one list of a ConnectionHttpParameters, in order. */
    static Map<String, String> pairs(Map<String, Object> httpParameters, String list) {
        Map<String, String> out = new LinkedHashMap<>();
        Object entries = httpParameters.get(list);
        if (entries instanceof List<?> items) {
            for (Object item : items) {
                Map<String, Object> pair = map(item);
                if (pair.get("Key") != null) {
                    out.put(pair.get("Key").toString(), pair.get("Value") == null ? "" : pair.get("Value").toString());
                }
            }
        }
        return out;
    }

    /** A ConnectionHttpParameters as answers show it: a secret value (IsValueSecret) is left out. */
    static Map<String, Object> withoutSecretValues(Map<String, Object> httpParameters) {
        Map<String, Object> out = new LinkedHashMap<>();
        httpParameters.forEach((list, entries) -> {
            List<Object> shown = new ArrayList<>();
            if (entries instanceof List<?> items) {
                for (Object item : items) {
                    Map<String, Object> pair = new LinkedHashMap<>(map(item));
                    if (Boolean.TRUE.equals(pair.get("IsValueSecret"))) {
                        pair.remove("Value");
                    }
                    shown.add(pair);
                }
            }
            out.put(list, shown);
        });
        return out;
    }

    /** Deep merge: an UpdateConnection's members replace the stored ones, structure by structure. */
    static Map<String, Object> merged(Map<String, Object> stored, Map<String, Object> update) {
        Map<String, Object> out = new LinkedHashMap<>(stored);
        update.forEach((member, value) -> {
            if (value instanceof Map<?, ?> && out.get(member) instanceof Map<?, ?>) {
                out.put(member, merged(map(out.get(member)), map(value)));
            } else {
                out.put(member, value);
            }
        });
        return out;
    }
}
