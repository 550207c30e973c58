package dev.cloudjar.events.put;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.regex.Pattern;

/**
 * The JSONPath subset targets' InputPath and InputPathsMap use in practice: {@code $} (the whole
 * event) or dotted member names from it, each optionally indexed ({@code $.detail.items[0].id}).
 * Filters, wildcards and bracketed names are not read.
 */
public final class JsonPaths {
    private static final Pattern PATH = Pattern.compile("\\$(\\.[A-Za-z0-9_@\\-]+(\\[[0-9]+])*)*");

    private JsonPaths() {
    }

    public static boolean valid(String path) {
        return path != null && PATH.matcher(path).matches();
    }

    /** The value at the path, or null where the event has none. */
    public static JsonNode read(JsonNode event, String path) {
        JsonNode node = event;
        for (String segment : path.substring(1).split("\\.")) {
            if (segment.isEmpty()) {
                continue;
            }
            int bracket = segment.indexOf('[');
            String name = bracket < 0 ? segment : segment.substring(0, bracket);
            node = node.get(name);
            while (node != null && bracket >= 0) {
                int close = segment.indexOf(']', bracket);
                node = node.get(Integer.parseInt(segment.substring(bracket + 1, close)));
                bracket = segment.indexOf('[', close);
            }
            if (node == null) {
                return null;
            }
        }
        return node;
    }
}
