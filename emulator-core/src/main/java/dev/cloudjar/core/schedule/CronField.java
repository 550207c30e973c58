package dev.cloudjar.core.schedule;

import java.util.BitSet;
import java.util.Locale;

/** The {@code , - * /} syntax shared by every field. */
final class CronField {
    private CronField() {
    }

    static BitSet values(String field, int min, int max, String[] names, String what) {
        BitSet set = new BitSet();
        for (String item : field.split(",", -1)) {
            int step = 1;
            String range = item;
            int slash = item.indexOf('/');
            if (slash >= 0) {
                range = item.substring(0, slash);
                step = number(item.substring(slash + 1), 1, max - min + 1, null, what);
            }
            int from;
            int to;
            if (range.equals("*")) {
                from = min;
                to = max;
            } else if (range.contains("-")) {
                String[] ends = range.split("-", -1);
                if (ends.length != 2) {
                    throw new InvalidScheduleExpressionException(what + " has a bad range: " + item);
                }
                from = number(ends[0], min, max, names, what);
                to = number(ends[1], min, max, names, what);
            } else {
                from = number(range, min, max, names, what);
                to = slash >= 0 ? max : from;
            }
            // A range that wraps (FRI-MON, 22-2) runs to the field's end and on from its start.
            int span = to >= from ? to - from : to - from + (max - min + 1);
            for (int i = 0; i <= span; i += step) {
                int v = from + i;
                set.set(v > max ? v - (max - min + 1) : v);
            }
        }
        return set;
    }

    static int number(String text, int min, int max, String[] names, String what) {
        if (names != null) {
            for (int i = 0; i < names.length; i++) {
                if (names[i].equals(text.toUpperCase(Locale.ROOT))) {
                    return min + i;
                }
            }
        }
        if (!text.matches("\\d{1,4}")) {
            throw new InvalidScheduleExpressionException(what + " has a value that is not allowed: " + text);
        }
        int v = Integer.parseInt(text);
        if (v < min || v > max) {
            throw new InvalidScheduleExpressionException(what + " must be within " + min + "-" + max + ": " + text);
        }
        return v;
    }
}
