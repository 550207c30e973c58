package dev.cloudjar.core.http;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * HTTP headers as an ordered, case-insensitive multi-map. Lookups ignore case, as HTTP does;
 * {@link #names()} keeps the case a header was first given in, since AWS echoes some names
 * (x-amz-meta-*) as they were sent.
 */
public final class Headers {
    private final Map<String, String> originalNames = new LinkedHashMap<>();
    private final Map<String, List<String>> values = new LinkedHashMap<>();

    public static Headers of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values must pair up");
        }
        Headers headers = new Headers();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            headers.add(namesAndValues[i], namesAndValues[i + 1]);
        }
        return headers;
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    public Headers add(String name, String value) {
        String key = key(name);
        originalNames.putIfAbsent(key, name);
        values.computeIfAbsent(key, k -> new ArrayList<>(1)).add(value);
        return this;
    }

    public Headers set(String name, String value) {
        String key = key(name);
        originalNames.put(key, name);
        List<String> list = new ArrayList<>(1);
        list.add(value);
        values.put(key, list);
        return this;
    }

    public Headers remove(String name) {
        String key = key(name);
        originalNames.remove(key);
        values.remove(key);
        return this;
    }

    /** The first value of the header, or null. */
    public String first(String name) {
        List<String> list = values.get(key(name));
        return list == null || list.isEmpty() ? null : list.get(0);
    }

    public List<String> all(String name) {
        List<String> list = values.get(key(name));
        return list == null ? List.of() : Collections.unmodifiableList(list);
    }

    public boolean contains(String name) {
        return values.containsKey(key(name));
    }

    /** Header names as first given (original case), in arrival order. */
    public Set<String> names() {
        return Collections.unmodifiableSet(new java.util.LinkedHashSet<>(originalNames.values()));
    }

    /** Lower-cased name to values, in arrival order. */
    public Map<String, List<String>> asLowerCaseMap() {
        return Collections.unmodifiableMap(values);
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
