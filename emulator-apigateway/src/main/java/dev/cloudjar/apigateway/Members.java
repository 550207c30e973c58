package dev.cloudjar.apigateway;

import java.util.List;
import java.util.Map;

/** Typed views of parsed input members the model declares as string lists and maps. */
public final class Members {
    private Members() {
    }

    public static List<String> strings(List<Object> values) {
        return values == null ? null : values.stream().map(Object::toString).toList();
    }

    @SuppressWarnings("unchecked")
    public static Map<String, String> strings(Map<String, Object> values) {
        return values == null ? null : (Map<String, String>) (Map<String, ?>) values;
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Boolean> booleans(Map<String, Object> values) {
        return values == null ? null : (Map<String, Boolean>) (Map<String, ?>) values;
    }
}
