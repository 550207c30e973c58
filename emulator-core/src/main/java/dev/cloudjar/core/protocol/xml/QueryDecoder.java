package dev.cloudjar.core.protocol.xml;

import dev.cloudjar.core.model.Member;
import dev.cloudjar.core.model.Shape;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reads an awsQuery input structure from its flattened parameters: {@code A.B} for nested
 * structures, {@code List.member.N} (or {@code List.N} when flattened) for lists and
 * {@code Map.entry.N.key / .value} (or {@code Map.N.key} when flattened) for maps, each name being
 * the member's xmlName where it has one. Items are taken in index order; gaps are allowed.
 */
final class QueryDecoder {
    private final NavigableMap<String, String> params = new TreeMap<>();

    QueryDecoder(Map<String, List<String>> parameters) {
        parameters.forEach((name, values) -> params.put(name, values.isEmpty() ? "" : values.get(0)));
    }

    /**
     * The members of {@code structure} found under {@code prefix} ("" for the top level).
     *
     * @throws IllegalArgumentException naming the parameter whose value does not fit its member
     */
    Map<String, Object> readStructure(String prefix, Shape structure) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Member member : structure.members().values()) {
            String name = XmlShapeWriter.elementName(member);
            Object value = readMember(prefix.isEmpty() ? name : prefix + "." + name, member);
            if (value != null) {
                values.put(member.name(), value);
            }
        }
        return values;
    }

    private Object readMember(String key, Member member) {
        Shape target = member.target();
        boolean flattened = member.traits().has("xmlFlattened");
        return switch (target.type()) {
            case LIST, SET -> readList(flattened ? key : key + "." + itemName(target.listMember(), "member"),
                    key, target.listMember());
            case MAP -> readMap(flattened ? key : key + ".entry", key, target);
            case STRUCTURE, UNION -> hasChildren(key) ? readStructure(key, target) : null;
            default -> {
                String text = params.get(key);
                yield text == null ? null : scalar(key, member, text);
            }
        };
    }

    private List<Object> readList(String itemsPrefix, String key, Member item) {
        SortedSet<Integer> indices = indices(itemsPrefix);
        if (indices.isEmpty()) {
            // SDKs send "List=" for an empty list.
            return "".equals(params.get(key)) ? new ArrayList<>() : null;
        }
        List<Object> list = new ArrayList<>(indices.size());
        for (int index : indices) {
            Object value = readMember(itemsPrefix + "." + index, item);
            if (value != null) {
                list.add(value);
            }
        }
        return list;
    }

    private Map<String, Object> readMap(String entriesPrefix, String key, Shape map) {
        SortedSet<Integer> indices = indices(entriesPrefix);
        if (indices.isEmpty()) {
            return "".equals(params.get(key)) ? new LinkedHashMap<>() : null;
        }
        String keyName = itemName(map.mapKey(), "key");
        String valueName = itemName(map.mapValue(), "value");
        Map<String, Object> values = new LinkedHashMap<>();
        for (int index : indices) {
            String entry = entriesPrefix + "." + index;
            String entryKey = params.get(entry + "." + keyName);
            if (entryKey == null) {
                throw new IllegalArgumentException("map entry " + entry + " has no " + keyName);
            }
            Object value = readMember(entry + "." + valueName, map.mapValue());
            if (value == null) {
                // As the JSON protocols refuse a null value in a map that is not sparse.
                throw new IllegalArgumentException("map entry " + entry + " has no " + valueName);
            }
            values.put(entryKey, value);
        }
        return values;
    }

    /** The item indices N of parameters named {@code prefix.N} or {@code prefix.N.*}. */
    private SortedSet<Integer> indices(String prefix) {
        SortedSet<Integer> indices = new TreeSet<>();
        for (String name : children(prefix).keySet()) {
            int start = prefix.length() + 1;
            int end = name.indexOf('.', start);
            String index = end < 0 ? name.substring(start) : name.substring(start, end);
            if (!index.matches("[1-9]\\d{0,8}")) {
                throw new IllegalArgumentException("invalid index in parameter " + name);
            }
            indices.add(Integer.valueOf(index));
        }
        return indices;
    }

    private boolean hasChildren(String prefix) {
        return !children(prefix).isEmpty();
    }

    /** Parameters named {@code prefix.*}; '/' is the character after '.', so the range ends there. */
    private NavigableMap<String, String> children(String prefix) {
        return params.subMap(prefix + ".", true, prefix + "/", false);
    }

    private static String itemName(Member member, String fallback) {
        return member.traits().has("xmlName") ? XmlShapeWriter.elementName(member) : fallback;
    }

    private static Object scalar(String key, Member member, String text) {
        return XmlValues.parse(member, text, key);
    }
}
