package dev.cloudjar.cognito.userpool;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * State store keys of a user pool's records: parts joined by NUL, so that every record of a pool
 * (or of a user in a pool) is one ordered key range.
 */
final class Keys {
    private Keys() {
    }

    static byte[] of(String... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                out.write(0);
            }
            out.writeBytes(parts[i].getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    /** The first key of the range of keys that extend {@code parts} with further parts. */
    static byte[] rangeStart(String... parts) {
        byte[] key = of(parts);
        byte[] start = Arrays.copyOf(key, key.length + 1);
        start[key.length] = 0;
        return start;
    }

    /** The key just past that range. */
    static byte[] rangeEnd(String... parts) {
        byte[] key = of(parts);
        byte[] end = Arrays.copyOf(key, key.length + 1);
        end[key.length] = 1;
        return end;
    }

    /** The last part of a key, as a pagination token carries it. */
    static String lastPart(byte[] key) {
        int i = key.length;
        while (i > 0 && key[i - 1] != 0) {
            i--;
        }
        return new String(key, i, key.length - i, StandardCharsets.UTF_8);
    }
}
