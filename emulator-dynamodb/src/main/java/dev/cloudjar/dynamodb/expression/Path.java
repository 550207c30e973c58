package dev.cloudjar.dynamodb.expression;

import java.util.ArrayList;
import java.util.List;

/** A document path: a top-level attribute name, then map keys and list indexes. */
public record Path(List<Element> elements) {

    public sealed interface Element {
    }

    public record Name(String name) implements Element {
        @Override
        public String toString() {
            return name;
        }
    }

    public record Index(int index) implements Element {
        @Override
        public String toString() {
            return "[" + index + "]";
        }
    }

    public Path {
        elements = List.copyOf(elements);
    }

    public static Path of(String attribute) {
        return new Path(List.of(new Name(attribute)));
    }

    /** The top-level attribute this path starts at. */
    public String attribute() {
        return ((Name) elements.get(0)).name();
    }

    public int size() {
        return elements.size();
    }

    public Element last() {
        return elements.get(elements.size() - 1);
    }

    public Path parent() {
        return new Path(elements.subList(0, elements.size() - 1));
    }

    public Path child(Element e) {
        List<Element> out = new ArrayList<>(elements);
        out.add(e);
        return new Path(out);
    }

    /** True when this path equals {@code other} or leads into it. */
    public boolean isPrefixOf(Path other) {
        return other.elements.size() >= elements.size() && other.elements.subList(0, elements.size()).equals(elements);
    }

    /** As AWS prints paths in errors: [a, b, [1]]. */
    @Override
    public String toString() {
        return elements.toString();
    }
}
