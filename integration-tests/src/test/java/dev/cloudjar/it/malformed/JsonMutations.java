package dev.cloudjar.it.malformed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Damages a JSON body where it means something: a member of the wrong type, missing, unknown,
 * empty, huge, deeply nested, a NaN, a duplicate key, a lone surrogate. Works on the parsed tree,
 * then writes tokens JSON has no value for (NaN, comments, duplicate keys) into the text.
 */
final class JsonMutations {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Tokens written in place of a placeholder string, each not quite JSON or not quite sane. */
    private static final List<String> RAW_TOKENS = List.of("NaN", "Infinity", "-Infinity", "\"\\ud800\"",
            "\"\\udc00x\"", "\"\\u0000\"", "007", "+1", ".5", "1.", "0x10", "1e999999999", "-", "tru", "nul",
            "'single'", "\"unterminated", "[1,]", "{\"a\":1,}", "/* comment */ 1", "// comment\n1", "\"\\x41\"",
            "\"\\u12\"", "\"tab\there\"", "[" + "1,".repeat(5000) + "1]");

    private JsonMutations() {
    }

    /** One structural mutation of the body; false when the body is not JSON (then nothing changes). */
    static boolean mutate(Draft draft, Random r) {
        JsonNode root;
        try {
            root = draft.body.length == 0 ? NODES.objectNode() : JSON.readTree(draft.body);
        } catch (Exception e) {
            return false;
        }
        if (root == null || !root.isContainerNode()) {
            return false;
        }
        List<Slot> slots = new ArrayList<>();
        collect(root, null, null, -1, slots);
        Slot slot = Odd.pick(r, slots);
        List<Slot> texts = slots.stream().filter(x -> x.node().isTextual() && x.container() != null).toList();
        Map<String, String> raw = new HashMap<>();
        // Strings carry the most syntax (expressions, statements, ARNs, numbers, policies): a quarter edit one in place.
        boolean edit = !texts.isEmpty() && r.nextInt(4) == 0;
        if (edit) {
            slot = Odd.pick(r, texts);
        }
        String what = edit ? slot.replace(TextNode.valueOf(Odd.edit(slot.node().asText(), r)), "edited string")
                : switch (r.nextInt(10)) {
            case 0, 1 -> slot.replace(wrongType(slot.node(), r), "wrong type");
            case 2 -> slot.remove();
            case 3 -> slot.node() instanceof ObjectNode object ? addUnknown(object, r)
                    : slot.container() instanceof ObjectNode parent ? addUnknown(parent, r)
                    : slot.replace(NODES.objectNode(), "object for a list element");
            case 4 -> slot.replace(TextNode.valueOf(Odd.string(r)), "odd string");
            case 5 -> slot.replace(NODES.numberNode(new BigDecimal(Odd.number(r))), "odd number");
            case 6 -> slot.replace(placeholder(raw, deep(r)), "deep nesting");
            case 7 -> {
                String token = Odd.pick(r, RAW_TOKENS);
                yield slot.replace(placeholder(raw, token), "raw token " + abbreviate(token));
            }
            case 8 -> duplicateKey(slots, raw, r);
            default -> slot.node().isArray() || slot.node().isObject()
                    ? slot.replace(many(slot.node(), r), "many members")
                    : slot.replace(NODES.nullNode(), "null");
        };
        String text;
        try {
            text = JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            return false;
        }
        for (Map.Entry<String, String> token : raw.entrySet()) {
            text = text.replace(token.getKey(), token.getValue());
        }
        draft.body = text.getBytes(StandardCharsets.UTF_8);
        draft.note("json " + what + " at " + slot.path() + (edit ? ": " + abbreviate(slot.container().isObject()
                ? slot.container().get(slot.key()).asText() : slot.container().get(slot.index()).asText()) : ""));
        return true;
    }

    /** A place in the tree: the node, its container, and its key or index there. */
    private record Slot(JsonNode node, JsonNode container, String key, int index, String path) {
        String replace(JsonNode value, String what) {
            if (container == null) {
                // The root itself: wrap the value so the body stays a container the codec must read.
                if (node.isObject()) {
                    ((ObjectNode) node).removeAll();
                    ((ObjectNode) node).set("Unexpected", value);
                }
                return what + " (root)";
            }
            if (container.isObject()) {
                ((ObjectNode) container).set(key, value);
            } else {
                ((ArrayNode) container).set(index, value);
            }
            return what;
        }

        String remove() {
            if (container == null) {
                ((com.fasterxml.jackson.databind.node.ContainerNode<?>) node).removeAll();
                return "emptied root";
            }
            if (container.isObject()) {
                ((ObjectNode) container).remove(key);
            } else {
                ((ArrayNode) container).remove(index);
            }
            return "removed";
        }
    }

    private static void collect(JsonNode node, JsonNode container, String key, int index, List<Slot> slots) {
        String path = container == null ? "$" : key != null ? key : "[" + index + "]";
        slots.add(new Slot(node, container, key, index, path));
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            List<Map.Entry<String, JsonNode>> copy = new ArrayList<>();
            fields.forEachRemaining(copy::add);
            for (Map.Entry<String, JsonNode> f : copy) {
                collect(f.getValue(), node, f.getKey(), -1, slots);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collect(node.get(i), node, null, i, slots);
            }
        }
    }

    private static JsonNode wrongType(JsonNode node, Random r) {
        List<JsonNode> options = new ArrayList<>();
        if (!node.isTextual()) {
            options.add(TextNode.valueOf(Odd.string(r)));
        }
        if (!node.isNumber()) {
            options.add(NODES.numberNode(r.nextInt(1000) - 500));
        }
        if (!node.isBoolean()) {
            options.add(NODES.booleanNode(r.nextBoolean()));
        }
        if (!node.isObject()) {
            options.add(NODES.objectNode().put("S", "x"));
        }
        if (!node.isArray()) {
            options.add(NODES.arrayNode().add(node.deepCopy()));
        }
        if (!node.isNull()) {
            options.add(NODES.nullNode());
        }
        return Odd.pick(r, options);
    }

    private static String addUnknown(ObjectNode object, Random r) {
        String name = Odd.pick(r, "Unknown", "", "__proto__", "constructor", "\u0000", "a".repeat(300), "😀");
        object.set(name, Odd.pick(r, List.of(TextNode.valueOf("x"), NODES.numberNode(1), NODES.objectNode())));
        return "unknown member '" + abbreviate(name) + "'";
    }

    /** A string written as the given text once the tree is serialized. */
    private static JsonNode placeholder(Map<String, String> raw, String text) {
        String placeholder = "__raw_" + raw.size() + "__";
        raw.put("\"" + placeholder + "\"", text);
        return TextNode.valueOf(placeholder);
    }

    /** Nesting at a depth from one a reader takes to one far past any parser's limit; written as text, as no tree writer goes that deep. */
    private static String deep(Random r) {
        int depth = Odd.pick(r, 40, 200, 2_000, StreamReadConstraints.DEFAULT_MAX_DEPTH * 20);
        boolean arrays = r.nextBoolean();
        return (arrays ? "[" : "{\"M\":").repeat(depth) + "\"bottom\"" + (arrays ? "]" : "}").repeat(depth);
    }

    private static JsonNode many(JsonNode like, Random r) {
        int count = Odd.pick(r, 26, 101, 1_001, 10_000);
        if (like.isArray()) {
            ArrayNode array = NODES.arrayNode();
            JsonNode element = like.isEmpty() ? TextNode.valueOf("x") : like.get(0);
            for (int i = 0; i < count; i++) {
                array.add(element.deepCopy());
            }
            return array;
        }
        ObjectNode object = NODES.objectNode();
        JsonNode value = like.isEmpty() ? TextNode.valueOf("x") : like.elements().next();
        for (int i = 0; i < count; i++) {
            object.set("k" + i, value.deepCopy());
        }
        return object;
    }

    /** The first key of some object written twice, with an odd value first, so a reader that keeps either sees damage. */
    private static String duplicateKey(List<Slot> slots, Map<String, String> raw, Random r) {
        List<Slot> objects = slots.stream().filter(s -> s.node().isObject() && !s.node().isEmpty()).toList();
        if (objects.isEmpty()) {
            return "no object to duplicate a key in";
        }
        ObjectNode object = (ObjectNode) Odd.pick(r, objects).node();
        String key = object.fieldNames().next();
        String placeholder = "__dup_" + raw.size() + "__";
        raw.put("\"" + placeholder + "\"", JSON.valueToTree(key).toString());
        object.set(placeholder, wrongType(object.get(key), r));
        return "duplicate key '" + key + "'";
    }

    static String abbreviate(String s) {
        return Wire.escape(s.length() > 40 ? s.substring(0, 40) + "…(" + s.length() + ")" : s);
    }
}
