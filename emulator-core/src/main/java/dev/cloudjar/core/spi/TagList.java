package dev.cloudjar.core.spi;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@code [{Key, Value}]} tag lists of SNS, EventBridge and most JSON services, to and from a map. */
public final class TagList {
    private TagList() {
    }

    /** The tags of an input's list member, in order; a later duplicate key wins. Empty for null. */
    @SuppressWarnings("unchecked")
    public static Map<String, String> toMap(List<Object> list) {
        Map<String, String> tags = new LinkedHashMap<>();
        if (list != null) {
            for (Object o : list) {
                Map<String, Object> tag = (Map<String, Object>) o;
                tags.put(String.valueOf(tag.get("Key")), String.valueOf(tag.get("Value")));
            }
        }
        return tags;
    }

    /** The list an output's tag member answers. */
    public static List<Map<String, String>> of(Map<String, String> tags) {
        return tags.entrySet().stream().map(t -> Map.of("Key", t.getKey(), "Value", t.getValue())).toList();
    }
}
