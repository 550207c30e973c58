package dev.cloudjar.dynamodb.expression;

import dev.cloudjar.dynamodb.item.AttributeValue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reading and rebuilding items along document paths. Items are never mutated in place. */
public final class Documents {
    private Documents() {
    }

    /** The value at the path, or null when any step is missing or of the wrong type. */
    public static AttributeValue get(Map<String, AttributeValue> item, Path path) {
        AttributeValue current = item.get(path.attribute());
        for (int i = 1; i < path.size() && current != null; i++) {
            current = step(current, path.elements().get(i));
        }
        return current;
    }

    private static AttributeValue step(AttributeValue value, Path.Element element) {
        if (element instanceof Path.Name name) {
            return value instanceof AttributeValue.M m ? m.value().get(name.name()) : null;
        }
        int index = ((Path.Index) element).index();
        if (value instanceof AttributeValue.L l) {
            return index < l.value().size() ? l.value().get(index) : null;
        }
        return null;
    }

    /**
     * The item with the value set at the path; a list index past the end appends. Returns null
     * when the path's parent does not exist or is not a map/list (AWS: "The document path
     * provided in the update expression is invalid for update").
     */
    public static Map<String, AttributeValue> set(Map<String, AttributeValue> item, Path path, AttributeValue value) {
        Map<String, AttributeValue> out = new LinkedHashMap<>(item);
        if (path.size() == 1) {
            out.put(path.attribute(), value);
            return out;
        }
        AttributeValue updated = setIn(item.get(path.attribute()), path.elements(), 1, value);
        if (updated == null) {
            return null;
        }
        out.put(path.attribute(), updated);
        return out;
    }

    private static AttributeValue setIn(AttributeValue container, List<Path.Element> path, int i, AttributeValue value) {
        Path.Element element = path.get(i);
        boolean last = i == path.size() - 1;
        if (element instanceof Path.Name name && container instanceof AttributeValue.M m) {
            Map<String, AttributeValue> map = new LinkedHashMap<>(m.value());
            AttributeValue child = last ? value : setIn(map.get(name.name()), path, i + 1, value);
            if (child == null) {
                return null;
            }
            map.put(name.name(), child);
            return new AttributeValue.M(map);
        }
        if (element instanceof Path.Index index && container instanceof AttributeValue.L l) {
            List<AttributeValue> list = new ArrayList<>(l.value());
            int at = index.index();
            if (last) {
                if (at >= list.size()) {
                    list.add(value);
                } else {
                    list.set(at, value);
                }
                return new AttributeValue.L(list);
            }
            if (at >= list.size()) {
                return null;
            }
            AttributeValue child = setIn(list.get(at), path, i + 1, value);
            if (child == null) {
                return null;
            }
            list.set(at, child);
            return new AttributeValue.L(list);
        }
        return null;
    }

    /** The item without the value at the path (unchanged when absent); null when a parent has the wrong type. */
    public static Map<String, AttributeValue> remove(Map<String, AttributeValue> item, Path path) {
        Map<String, AttributeValue> out = new LinkedHashMap<>(item);
        if (path.size() == 1) {
            out.remove(path.attribute());
            return out;
        }
        AttributeValue top = item.get(path.attribute());
        if (top == null) {
            return out;
        }
        AttributeValue updated = removeIn(top, path.elements(), 1);
        if (updated == null) {
            return null;
        }
        out.put(path.attribute(), updated);
        return out;
    }

    private static AttributeValue removeIn(AttributeValue container, List<Path.Element> path, int i) {
        Path.Element element = path.get(i);
        boolean last = i == path.size() - 1;
        if (element instanceof Path.Name name && container instanceof AttributeValue.M m) {
            Map<String, AttributeValue> map = new LinkedHashMap<>(m.value());
            if (last) {
                map.remove(name.name());
            } else if (map.containsKey(name.name())) {
                AttributeValue child = removeIn(map.get(name.name()), path, i + 1);
                if (child == null) {
                    return null;
                }
                map.put(name.name(), child);
            }
            return new AttributeValue.M(map);
        }
        if (element instanceof Path.Index index && container instanceof AttributeValue.L l) {
            List<AttributeValue> list = new ArrayList<>(l.value());
            int at = index.index();
            if (at < list.size()) {
                if (last) {
                    list.remove(at);
                } else {
                    AttributeValue child = removeIn(list.get(at), path, i + 1);
                    if (child == null) {
                        return null;
                    }
                    list.set(at, child);
                }
            }
            return new AttributeValue.L(list);
        }
        return null;
    }

    /**
     * The parts of the item the paths select, as ProjectionExpression returns them: nested maps
     * keep only the selected keys, lists only the selected elements (in index order, compacted).
     */
    public static Map<String, AttributeValue> project(Map<String, AttributeValue> item, List<Path> paths) {
        Selection root = new Selection();
        for (Path path : paths) {
            Selection s = root;
            for (Path.Element e : path.elements()) {
                s = s.children.computeIfAbsent(e, k -> new Selection());
            }
            s.whole = true;
        }
        Map<String, AttributeValue> out = new LinkedHashMap<>();
        root.children.forEach((element, selection) -> {
            AttributeValue selected = select(item.get(((Path.Name) element).name()), selection);
            if (selected != null) {
                out.put(((Path.Name) element).name(), selected);
            }
        });
        return out;
    }

    private static AttributeValue select(AttributeValue value, Selection selection) {
        if (value == null || selection.whole) {
            return value;
        }
        if (value instanceof AttributeValue.M m) {
            Map<String, AttributeValue> map = new LinkedHashMap<>();
            selection.children.forEach((element, child) -> {
                if (element instanceof Path.Name name) {
                    AttributeValue selected = select(m.value().get(name.name()), child);
                    if (selected != null) {
                        map.put(name.name(), selected);
                    }
                }
            });
            return map.isEmpty() ? null : new AttributeValue.M(map);
        }
        if (value instanceof AttributeValue.L l) {
            TreeMap<Integer, AttributeValue> chosen = new TreeMap<>();
            selection.children.forEach((element, child) -> {
                if (element instanceof Path.Index index && index.index() < l.value().size()) {
                    AttributeValue selected = select(l.value().get(index.index()), child);
                    if (selected != null) {
                        chosen.put(index.index(), selected);
                    }
                }
            });
            return chosen.isEmpty() ? null : new AttributeValue.L(new ArrayList<>(chosen.values()));
        }
        return null;
    }

    /** The paths a projection selects below one point, merged into a tree. */
    private static final class Selection {
        private final Map<Path.Element, Selection> children = new LinkedHashMap<>();
        private boolean whole;
    }
}
