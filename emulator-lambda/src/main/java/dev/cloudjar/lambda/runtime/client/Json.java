package dev.cloudjar.lambda.runtime.client;

import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The JSON the Java runtime client needs, without libraries (the function's class path is the
 * user's): parsing to maps, lists, strings, numbers and booleans; binding those to a handler's
 * event type (POJOs by setters or fields, records, collections, boxed values); writing results
 * (POJOs by getters, records by components).
 */
final class Json {
    private final String text;
    private int pos;

    private Json(String text) {
        this.text = text;
    }

    static Object parse(String text) {
        if (text.isBlank()) {
            return null;
        }
        Json json = new Json(text);
        Object value = json.value();
        json.skipSpace();
        if (json.pos != text.length()) {
            throw new IllegalArgumentException("trailing characters in JSON at " + json.pos);
        }
        return value;
    }

    private Object value() {
        skipSpace();
        char c = text.charAt(pos);
        switch (c) {
            case '{':
                return object();
            case '[':
                return array();
            case '"':
                return string();
            case 't':
                return literal("true", Boolean.TRUE);
            case 'f':
                return literal("false", Boolean.FALSE);
            case 'n':
                return literal("null", null);
            default:
                return number();
        }
    }

    private Map<String, Object> object() {
        Map<String, Object> map = new LinkedHashMap<>();
        pos++;
        skipSpace();
        if (text.charAt(pos) == '}') {
            pos++;
            return map;
        }
        while (true) {
            skipSpace();
            String key = string();
            skipSpace();
            expect(':');
            map.put(key, value());
            skipSpace();
            if (text.charAt(pos) == ',') {
                pos++;
            } else {
                expect('}');
                return map;
            }
        }
    }

    private List<Object> array() {
        List<Object> list = new ArrayList<>();
        pos++;
        skipSpace();
        if (text.charAt(pos) == ']') {
            pos++;
            return list;
        }
        while (true) {
            list.add(value());
            skipSpace();
            if (text.charAt(pos) == ',') {
                pos++;
            } else {
                expect(']');
                return list;
            }
        }
    }

    private String string() {
        expect('"');
        StringBuilder sb = new StringBuilder();
        while (true) {
            char c = text.charAt(pos++);
            if (c == '"') {
                return sb.toString();
            }
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            char e = text.charAt(pos++);
            switch (e) {
                case 'n' -> sb.append('\n');
                case 't' -> sb.append('\t');
                case 'r' -> sb.append('\r');
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'u' -> {
                    sb.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
                    pos += 4;
                }
                default -> sb.append(e);
            }
        }
    }

    private Object number() {
        int start = pos;
        while (pos < text.length() && "+-0123456789.eE".indexOf(text.charAt(pos)) >= 0) {
            pos++;
        }
        if (start == pos) {
            throw new IllegalArgumentException("unexpected character in JSON at " + pos);
        }
        return new BigDecimal(text.substring(start, pos));
    }

    private Object literal(String word, Object value) {
        if (!text.startsWith(word, pos)) {
            throw new IllegalArgumentException("unexpected token in JSON at " + pos);
        }
        pos += word.length();
        return value;
    }

    private void expect(char c) {
        if (text.charAt(pos) != c) {
            throw new IllegalArgumentException("expected '" + c + "' in JSON at " + pos);
        }
        pos++;
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    /** Binds a parsed value to the handler's declared event type. */
    static Object convert(Object value, Type type) throws ReflectiveOperationException {
        Class<?> raw = raw(type);
        if (value == null) {
            return raw.isPrimitive() ? convert(BigDecimal.ZERO, type) : null;
        }
        if (raw == Object.class) {
            return plain(value);
        }
        if (raw == String.class) {
            return value instanceof String s ? s : new String(write(value), StandardCharsets.UTF_8);
        }
        if (value instanceof BigDecimal n) {
            return number(n, raw);
        }
        if (raw == Boolean.class || raw == boolean.class) {
            return value;
        }
        if (value instanceof List<?> list) {
            Type element = type instanceof ParameterizedType p ? p.getActualTypeArguments()[0] : Object.class;
            if (raw.isArray()) {
                Object array = Array.newInstance(raw.getComponentType(), list.size());
                for (int i = 0; i < list.size(); i++) {
                    Array.set(array, i, convert(list.get(i), raw.getComponentType()));
                }
                return array;
            }
            List<Object> out = new ArrayList<>();
            for (Object item : list) {
                out.add(convert(item, element));
            }
            return out;
        }
        if (value instanceof Map<?, ?> map) {
            if (Map.class.isAssignableFrom(raw)) {
                Type valueType = type instanceof ParameterizedType p ? p.getActualTypeArguments()[1] : Object.class;
                Map<Object, Object> out = new LinkedHashMap<>();
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    out.put(e.getKey(), convert(e.getValue(), valueType));
                }
                return out;
            }
            return pojo(map, raw);
        }
        return value;
    }

    private static Object plain(Object value) {
        if (value instanceof BigDecimal n) {
            try {
                return n.intValueExact();
            } catch (ArithmeticException e) {
                return n.doubleValue();
            }
        }
        return value;
    }

    private static Object number(BigDecimal n, Class<?> raw) {
        if (raw == int.class || raw == Integer.class) {
            return n.intValue();
        }
        if (raw == long.class || raw == Long.class) {
            return n.longValue();
        }
        if (raw == double.class || raw == Double.class) {
            return n.doubleValue();
        }
        if (raw == float.class || raw == Float.class) {
            return n.floatValue();
        }
        if (raw == short.class || raw == Short.class) {
            return n.shortValue();
        }
        return raw == BigDecimal.class ? n : plain(n);
    }

    private static Object pojo(Map<?, ?> map, Class<?> raw) throws ReflectiveOperationException {
        if (raw.isRecord()) {
            RecordComponent[] components = raw.getRecordComponents();
            Object[] args = new Object[components.length];
            Class<?>[] types = new Class<?>[components.length];
            for (int i = 0; i < components.length; i++) {
                args[i] = convert(find(map, components[i].getName()), components[i].getGenericType());
                types[i] = components[i].getType();
            }
            Constructor<?> constructor = raw.getDeclaredConstructor(types);
            constructor.setAccessible(true);
            return constructor.newInstance(args);
        }
        Constructor<?> constructor = raw.getDeclaredConstructor();
        constructor.setAccessible(true);
        Object instance = constructor.newInstance();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String name = String.valueOf(e.getKey());
            Method setter = setter(raw, name);
            if (setter != null) {
                setter.invoke(instance, convert(e.getValue(), setter.getGenericParameterTypes()[0]));
                continue;
            }
            Field field = field(raw, name);
            if (field != null) {
                field.setAccessible(true);
                field.set(instance, convert(e.getValue(), field.getGenericType()));
            }
        }
        return instance;
    }

    private static Object find(Map<?, ?> map, String name) {
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (String.valueOf(e.getKey()).equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return null;
    }

    private static Method setter(Class<?> raw, String property) {
        String name = "set" + property.replace("_", "");
        for (Method m : raw.getMethods()) {
            if (m.getParameterCount() == 1 && m.getName().equalsIgnoreCase(name)) {
                return m;
            }
        }
        return null;
    }

    private static Field field(Class<?> raw, String property) {
        for (Class<?> c = raw; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (!Modifier.isStatic(f.getModifiers()) && f.getName().equalsIgnoreCase(property)) {
                    return f;
                }
            }
        }
        return null;
    }

    private static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        return Object.class;
    }

    static byte[] write(Object value) {
        StringBuilder sb = new StringBuilder();
        write(value, sb);
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void write(Object value, StringBuilder sb) {
        if (value == null) {
            sb.append("null");
        } else if (value instanceof String || value instanceof Character || value instanceof Enum<?>) {
            quote(value.toString(), sb);
        } else if (value instanceof Number || value instanceof Boolean) {
            sb.append(value);
        } else if (value instanceof Map<?, ?> map) {
            sb.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                first = separate(first, sb);
                quote(String.valueOf(e.getKey()), sb);
                sb.append(':');
                write(e.getValue(), sb);
            }
            sb.append('}');
        } else if (value instanceof Collection<?> items) {
            writeArray(new ArrayList<>(items), sb);
        } else if (value.getClass().isArray()) {
            List<Object> items = new ArrayList<>();
            for (int i = 0; i < Array.getLength(value); i++) {
                items.add(Array.get(value, i));
            }
            writeArray(items, sb);
        } else {
            write(properties(value), sb);
        }
    }

    private static void writeArray(List<Object> items, StringBuilder sb) {
        sb.append('[');
        boolean first = true;
        for (Object item : items) {
            first = separate(first, sb);
            write(item, sb);
        }
        sb.append(']');
    }

    private static boolean separate(boolean first, StringBuilder sb) {
        if (!first) {
            sb.append(',');
        }
        return false;
    }

    /** A POJO's readable properties (getters, then public fields), or a record's components. */
    private static Map<String, Object> properties(Object bean) {
        Map<String, Object> properties = new LinkedHashMap<>();
        try {
            if (bean.getClass().isRecord()) {
                for (RecordComponent c : bean.getClass().getRecordComponents()) {
                    Method accessor = c.getAccessor();
                    accessor.setAccessible(true);
                    properties.put(c.getName(), accessor.invoke(bean));
                }
                return properties;
            }
            for (Method m : bean.getClass().getMethods()) {
                String name = m.getName();
                if (m.getParameterCount() != 0 || m.getDeclaringClass() == Object.class || Modifier.isStatic(m.getModifiers())) {
                    continue;
                }
                if (name.startsWith("get") && name.length() > 3) {
                    properties.put(decapitalize(name.substring(3)), m.invoke(bean));
                } else if (name.startsWith("is") && name.length() > 2 && m.getReturnType() == boolean.class) {
                    properties.put(decapitalize(name.substring(2)), m.invoke(bean));
                }
            }
            for (Field f : bean.getClass().getFields()) {
                if (!Modifier.isStatic(f.getModifiers())) {
                    properties.putIfAbsent(f.getName(), f.get(bean));
                }
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot serialise " + bean.getClass().getName(), e);
        }
        return properties;
    }

    private static String decapitalize(String name) {
        return name.substring(0, 1).toLowerCase(Locale.ROOT) + name.substring(1);
    }

    private static void quote(String s, StringBuilder sb) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
