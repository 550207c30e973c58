package dev.cloudjar.it.malformed;

import java.io.ByteArrayOutputStream;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Damages a query-protocol form: parameters missing, repeated, of the wrong type, list indexes
 * that are zero, negative, huge or gapped, unknown or foreign Actions, the form in the URL instead
 * of the body, and encodings no form allows.
 */
final class FormMutations {
    /** The name of a pair whose value is appended to the form as it is, unencoded. */
    private static final String RAW = "\u0000raw";

    private FormMutations() {
    }

    static boolean mutate(Draft draft, Random r) {
        List<Draft.Pair> form = decode(draft.body);
        if (form.isEmpty()) {
            return false;
        }
        int i = r.nextInt(form.size());
        Draft.Pair p = form.get(i);
        String what = switch (r.nextInt(10)) {
            case 0 -> {
                form.remove(i);
                yield "removed " + p.name();
            }
            case 1 -> {
                form.add(r.nextInt(form.size() + 1), new Draft.Pair(p.name(), Odd.text(r)));
                yield "repeated " + p.name();
            }
            case 2 -> {
                form.set(i, new Draft.Pair(p.name(), r.nextBoolean() ? Odd.text(r) : Odd.number(r)));
                yield "odd value for " + p.name();
            }
            case 3 -> {
                String edited = Odd.edit(p.value(), r);
                form.set(i, new Draft.Pair(p.name(), edited));
                yield "edited " + p.name() + ": " + JsonMutations.abbreviate(edited);
            }
            case 4 -> {
                int action = indexOf(form, "Action");
                String value = Odd.pick(r, "NoSuchAction", "", "createqueue", "CreateBucket", "PutItem", "Action",
                        "GetCallerIdentity ", "a".repeat(300), "\u0000");
                if (action >= 0) {
                    form.set(action, new Draft.Pair("Action", value));
                }
                yield "Action " + JsonMutations.abbreviate(value);
            }
            case 5 -> {
                String renamed = p.name().replaceFirst("\\.(\\d+)(\\.|$)",
                        "." + Odd.pick(r, "0", "-1", "99999999999", "1001", "", "a", "01", "2147483648") + "$2");
                form.set(i, new Draft.Pair(renamed, p.value()));
                yield "index " + renamed;
            }
            case 6 -> {
                String name = Odd.pick(r, "Unknown", "Attribute.1.Name", "MessageAttribute.1.Value.DataType",
                        "Tags.member.1.Key", "Policy", "DurationSeconds", "", "Version");
                form.add(new Draft.Pair(name, Odd.text(r)));
                yield "added " + name;
            }
            case 7 -> {
                form.set(i, new Draft.Pair(p.name(), p.value() + Odd.invalidUtf8Chars(r)));
                yield "invalid UTF-8 in " + p.name();
            }
            case 8 -> {
                // The whole form in the URL, as a GET or as a POST with an empty body.
                form.forEach(q -> draft.query.add(new Draft.Pair(q.name(), q.value())));
                form.clear();
                if (r.nextBoolean()) {
                    draft.method = "GET";
                    draft.removeHeader("Content-Type");
                }
                yield "form in the query string (" + draft.method + ")";
            }
            default -> {
                String damage = Odd.pick(r, "&%zz=1", "&a=%", "&=x", "&&&", "&noValue", "&a=%E2%82", "&a=b=c", "&%00=%00",
                        "&a+b=c+d", "&" + "x=1&".repeat(3000));
                form.add(new Draft.Pair(RAW, damage));
                yield "raw encoding damage " + JsonMutations.abbreviate(damage);
            }
        };
        draft.body = encode(form);
        draft.note("form: " + what);
        return true;
    }

    private static int indexOf(List<Draft.Pair> form, String name) {
        for (int i = 0; i < form.size(); i++) {
            if (form.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    static List<Draft.Pair> decode(byte[] body) {
        List<Draft.Pair> form = new ArrayList<>();
        String text = new String(body, StandardCharsets.UTF_8);
        if (text.isEmpty()) {
            return form;
        }
        try {
            for (String pair : text.split("&")) {
                int eq = pair.indexOf('=');
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                form.add(new Draft.Pair(name, value));
            }
        } catch (IllegalArgumentException e) {
            form.clear();
        }
        return form;
    }

    /** Encodes as a form; a raw-byte character (U+DC80–U+DCFF) becomes its single percent-encoded byte. */
    static byte[] encode(List<Draft.Pair> form) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < form.size(); i++) {
            if (form.get(i).name().equals(RAW)) {
                out.writeBytes(form.get(i).value().getBytes(StandardCharsets.UTF_8));
                continue;
            }
            if (i > 0) {
                out.write('&');
            }
            out.writeBytes(encode(form.get(i).name()).getBytes(StandardCharsets.US_ASCII));
            out.write('=');
            out.writeBytes(encode(form.get(i).value()).getBytes(StandardCharsets.US_ASCII));
        }
        return out.toByteArray();
    }

    private static String encode(String s) {
        StringBuilder out = new StringBuilder();
        StringBuilder run = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0xDC80 && c <= 0xDCFF) {
                out.append(URLEncoder.encode(run.toString(), StandardCharsets.UTF_8));
                run.setLength(0);
                out.append(String.format("%%%02X", c - 0xDC00));
            } else {
                run.append(c);
            }
        }
        return out.append(URLEncoder.encode(run.toString(), StandardCharsets.UTF_8)).toString();
    }
}
