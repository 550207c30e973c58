package dev.cloudjar.dynamodb.item;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The stored form of an item: a compact tagged binary encoding, the same for every state store. */
public final class ItemCodec {
    private static final AttributeValue.Type[] TYPES = AttributeValue.Type.values();

    private ItemCodec() {
    }

    public static byte[] encode(Map<String, AttributeValue> item) {
        ByteSink out = new ByteSink(128);
        writeMap(out, item);
        return out.toByteArray();
    }

    public static Map<String, AttributeValue> decode(byte[] stored) {
        return readMap(ByteBuffer.wrap(stored));
    }

    private static void writeMap(ByteSink out, Map<String, AttributeValue> map) {
        out.writeInt(map.size());
        for (Map.Entry<String, AttributeValue> e : map.entrySet()) {
            writeString(out, e.getKey());
            write(out, e.getValue());
        }
    }

    private static Map<String, AttributeValue> readMap(ByteBuffer in) {
        int n = in.getInt();
        Map<String, AttributeValue> map = new LinkedHashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
            map.put(readString(in), read(in));
        }
        return map;
    }

    private static void write(ByteSink out, AttributeValue value) {
        out.write(value.type().ordinal());
        if (value instanceof AttributeValue.S s) {
            writeString(out, s.value());
        } else if (value instanceof AttributeValue.N n) {
            writeString(out, n.value().toString());
        } else if (value instanceof AttributeValue.B b) {
            writeBytes(out, b.value());
        } else if (value instanceof AttributeValue.Bool b) {
            out.write(b.value() ? 1 : 0);
        } else if (value instanceof AttributeValue.M m) {
            writeMap(out, m.value());
        } else if (value instanceof AttributeValue.L l) {
            out.writeInt(l.value().size());
            for (AttributeValue e : l.value()) {
                write(out, e);
            }
        } else if (!(value instanceof AttributeValue.Null)) {
            Set<? extends AttributeValue> elements = AttributeValue.elements(value);
            out.writeInt(elements.size());
            for (AttributeValue e : elements) {
                write(out, e);
            }
        }
    }

    private static AttributeValue read(ByteBuffer in) {
        AttributeValue.Type type = TYPES[in.get()];
        return switch (type) {
            case S -> new AttributeValue.S(readString(in));
            case N -> new AttributeValue.N(new BigDecimal(readString(in)));
            case B -> new AttributeValue.B(readBytes(in));
            case BOOL -> new AttributeValue.Bool(in.get() != 0);
            case NULL -> AttributeValue.Null.INSTANCE;
            case M -> new AttributeValue.M(readMap(in));
            case L -> {
                int n = in.getInt();
                List<AttributeValue> list = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    list.add(read(in));
                }
                yield new AttributeValue.L(list);
            }
            case SS, NS, BS -> {
                int n = in.getInt();
                Set<AttributeValue> set = new LinkedHashSet<>(n * 2);
                for (int i = 0; i < n; i++) {
                    set.add(read(in));
                }
                yield AttributeValue.setOf(type, set);
            }
        };
    }

    private static void writeString(ByteSink out, String s) {
        writeBytes(out, ItemSize.utf8(s));
    }

    private static String readString(ByteBuffer in) {
        return new String(readBytes(in), java.nio.charset.StandardCharsets.UTF_8);
    }

    private static void writeBytes(ByteSink out, byte[] b) {
        out.writeInt(b.length);
        out.write(b);
    }

    private static byte[] readBytes(ByteBuffer in) {
        byte[] b = new byte[in.getInt()];
        in.get(b);
        return b;
    }
}
