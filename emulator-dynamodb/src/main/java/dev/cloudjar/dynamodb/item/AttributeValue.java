package dev.cloudjar.dynamodb.item;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A DynamoDB attribute value with DynamoDB's own types. Numbers are kept in canonical form
 * ({@link Numbers#canonical}), so equal numbers are equal values; sets compare as sets.
 */
public sealed interface AttributeValue {

    /** The type descriptors as DynamoDB names them (attribute_type, error messages). */
    enum Type { S, N, B, BOOL, NULL, M, L, SS, NS, BS }

    Type type();

    record S(String value) implements AttributeValue {
        public Type type() {
            return Type.S;
        }

        public byte[] utf8() {
            return value.getBytes(StandardCharsets.UTF_8);
        }
    }

    /** A number in canonical form: no trailing zeros, zero as {@link BigDecimal#ZERO}. */
    record N(BigDecimal value) implements AttributeValue {
        public N {
            value = Numbers.canonical(value);
        }

        public static N of(String text) {
            return new N(Numbers.parse(text));
        }

        public static N of(long value) {
            return new N(BigDecimal.valueOf(value));
        }

        public Type type() {
            return Type.N;
        }

        /** DynamoDB's text for the number: plain notation, as AWS returns numbers. */
        public String text() {
            return value.toPlainString();
        }
    }

    record B(byte[] value) implements AttributeValue {
        public Type type() {
            return Type.B;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof B other && Arrays.equals(value, other.value);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(value);
        }

        @Override
        public String toString() {
            return "B" + Arrays.toString(value);
        }
    }

    record Bool(boolean value) implements AttributeValue {
        public static final Bool TRUE = new Bool(true);
        public static final Bool FALSE = new Bool(false);

        public Type type() {
            return Type.BOOL;
        }
    }

    record Null() implements AttributeValue {
        public static final Null INSTANCE = new Null();

        public Type type() {
            return Type.NULL;
        }
    }

    record M(Map<String, AttributeValue> value) implements AttributeValue {
        public M {
            value = Collections.unmodifiableMap(new LinkedHashMap<>(value));
        }

        public Type type() {
            return Type.M;
        }
    }

    record L(List<AttributeValue> value) implements AttributeValue {
        public L {
            value = List.copyOf(value);
        }

        public Type type() {
            return Type.L;
        }
    }

    record SS(Set<String> value) implements AttributeValue {
        public SS {
            value = Collections.unmodifiableSet(new LinkedHashSet<>(value));
        }

        public Type type() {
            return Type.SS;
        }
    }

    record NS(Set<N> value) implements AttributeValue {
        public NS {
            value = Collections.unmodifiableSet(new LinkedHashSet<>(value));
        }

        public Type type() {
            return Type.NS;
        }
    }

    record BS(Set<B> value) implements AttributeValue {
        public BS {
            value = Collections.unmodifiableSet(new LinkedHashSet<>(value));
        }

        public Type type() {
            return Type.BS;
        }
    }

    /** The elements of a set value as values of the element type (S, N or B). */
    static Set<? extends AttributeValue> elements(AttributeValue set) {
        if (set instanceof SS ss) {
            Set<S> out = new LinkedHashSet<>();
            ss.value().forEach(s -> out.add(new S(s)));
            return out;
        }
        if (set instanceof NS ns) {
            return ns.value();
        }
        if (set instanceof BS bs) {
            return bs.value();
        }
        throw new IllegalArgumentException("not a set: " + set.type());
    }

    /** A set of the given type (SS, NS or BS) of element values. */
    static AttributeValue setOf(Type type, Set<? extends AttributeValue> elements) {
        return switch (type) {
            case SS -> {
                Set<String> out = new LinkedHashSet<>();
                elements.forEach(e -> out.add(((S) e).value()));
                yield new SS(out);
            }
            case NS -> {
                Set<N> out = new LinkedHashSet<>();
                elements.forEach(e -> out.add((N) e));
                yield new NS(out);
            }
            case BS -> {
                Set<B> out = new LinkedHashSet<>();
                elements.forEach(e -> out.add((B) e));
                yield new BS(out);
            }
            default -> throw new IllegalArgumentException("not a set type: " + type);
        };
    }

    static boolean isSet(Type type) {
        return type == Type.SS || type == Type.NS || type == Type.BS;
    }
}
