package dev.cloudjar.dynamodb.item;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
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
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            writeMap(out, item);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static Map<String, AttributeValue> decode(byte[] stored) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(stored))) {
            return readMap(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeMap(DataOutputStream out, Map<String, AttributeValue> map) throws IOException {
        out.writeInt(map.size());
        for (Map.Entry<String, AttributeValue> e : map.entrySet()) {
            writeString(out, e.getKey());
            write(out, e.getValue());
        }
    }

    private static Map<String, AttributeValue> readMap(DataInputStream in) throws IOException {
        int n = in.readInt();
        Map<String, AttributeValue> map = new LinkedHashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
            map.put(readString(in), read(in));
        }
        return map;
    }

    private static void write(DataOutputStream out, AttributeValue value) throws IOException {
        out.writeByte(value.type().ordinal());
        if (value instanceof AttributeValue.S s) {
            writeString(out, s.value());
        } else if (value instanceof AttributeValue.N n) {
            writeString(out, n.value().toString());
        } else if (value instanceof AttributeValue.B b) {
            writeBytes(out, b.value());
        } else if (value instanceof AttributeValue.Bool b) {
            out.writeBoolean(b.value());
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

    private static AttributeValue read(DataInputStream in) throws IOException {
        AttributeValue.Type type = TYPES[in.readByte()];
        return switch (type) {
            case S -> new AttributeValue.S(readString(in));
            case N -> new AttributeValue.N(new BigDecimal(readString(in)));
            case B -> new AttributeValue.B(readBytes(in));
            case BOOL -> new AttributeValue.Bool(in.readBoolean());
            case NULL -> AttributeValue.Null.INSTANCE;
            case M -> new AttributeValue.M(readMap(in));
            case L -> {
                int n = in.readInt();
                List<AttributeValue> list = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    list.add(read(in));
                }
                yield new AttributeValue.L(list);
            }
            case SS, NS, BS -> {
                int n = in.readInt();
                Set<AttributeValue> set = new LinkedHashSet<>(n * 2);
                for (int i = 0; i < n; i++) {
                    set.add(read(in));
                }
                yield AttributeValue.setOf(type, set);
            }
        };
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        writeBytes(out, ItemSize.utf8(s));
    }

    private static String readString(DataInputStream in) throws IOException {
        return new String(readBytes(in), java.nio.charset.StandardCharsets.UTF_8);
    }

    private static void writeBytes(DataOutputStream out, byte[] b) throws IOException {
        out.writeInt(b.length);
        out.write(b);
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        byte[] b = new byte[in.readInt()];
        in.readFully(b);
        return b;
    }
}
