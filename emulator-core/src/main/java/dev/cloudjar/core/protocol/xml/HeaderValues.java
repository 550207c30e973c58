package dev.cloudjar.core.protocol.xml;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** The comma-separated form of list members bound to one HTTP header (RFC 9110 lists, quoted where needed). */
final class HeaderValues {
    private HeaderValues() {
    }

    /**
     * The items of a list header; double-quoted items may hold commas and escaped quotes.
     *
     * @param httpDates true for a list of http-date timestamps, whose items contain a comma themselves
     */
    static List<String> split(String header, boolean httpDates) {
        List<String> items = new ArrayList<>();
        StringBuilder item = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < header.length(); i++) {
            char c = header.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '\\' && quoted && i + 1 < header.length()) {
                item.append(header.charAt(++i));
            } else if (c == ',' && !quoted && !(httpDates && item.toString().trim().length() <= 3)) {
                items.add(item.toString().trim());
                item.setLength(0);
            } else {
                item.append(c);
            }
        }
        if (!item.toString().isBlank() || !items.isEmpty()) {
            items.add(item.toString().trim());
        }
        return items;
    }

    static String join(List<String> items) {
        return items.stream().map(HeaderValues::quoteIfNeeded).collect(Collectors.joining(", "));
    }

    private static String quoteIfNeeded(String item) {
        if (item.indexOf(',') < 0 && item.indexOf('"') < 0) {
            return item;
        }
        return '"' + item.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
