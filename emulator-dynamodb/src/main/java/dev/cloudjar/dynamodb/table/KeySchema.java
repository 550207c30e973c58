package dev.cloudjar.dynamodb.table;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A table's or index's key: the partition (HASH) attribute and the optional sort (RANGE) attribute. */
public record KeySchema(String hash, String range) {

    public boolean hasRange() {
        return range != null;
    }

    public List<String> attributes() {
        return range == null ? List.of(hash) : List.of(hash, range);
    }

    public boolean isKey(String attribute) {
        return attribute.equals(hash) || attribute.equals(range);
    }

    /** As the API writes it: [{AttributeName, KeyType}]. */
    public List<Object> wire() {
        List<Object> out = new ArrayList<>();
        out.add(Map.of("AttributeName", hash, "KeyType", "HASH"));
        if (range != null) {
            out.add(Map.of("AttributeName", range, "KeyType", "RANGE"));
        }
        return out;
    }
}
