package dev.cloudjar.core.protocol.xml;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cloudjar.core.model.Member;
import dev.cloudjar.core.model.Shape;

import java.util.Map;
import java.util.function.Predicate;

/**
 * Writes member values as XML the way Smithy's XML bindings define it: xmlName renames an element,
 * xmlAttribute puts a member on its parent's start tag, xmlFlattened repeats list items and map
 * entries in place of a wrapper, xmlNamespace declares a namespace. Timestamps are date-time.
 */
final class XmlShapeWriter {
    private final XmlValues values;

    XmlShapeWriter(XmlValues values) {
        this.values = values;
    }

    XmlValues values() {
        return values;
    }

    /** The element name of a member: its xmlName, else its own name. */
    static String elementName(Member member) {
        String xmlName = member.traits().string("xmlName");
        return xmlName == null ? member.name() : xmlName;
    }

    /** Declares an xmlNamespace trait's namespace on the element just started; nothing when absent. */
    static void declareNamespace(XmlWriter out, JsonNode xmlNamespace) {
        if (xmlNamespace == null) {
            return;
        }
        String prefix = xmlNamespace.path("prefix").asText("");
        out.attribute(prefix.isEmpty() ? "xmlns" : "xmlns:" + prefix, xmlNamespace.path("uri").asText());
    }

    /**
     * Writes the members of a structure (or union) inside the element just started: attributes first,
     * since they belong to its start tag, then child elements in model order.
     */
    void writeContent(XmlWriter out, Shape structure, Map<String, ?> members, Predicate<Member> include) {
        for (Member member : structure.members().values()) {
            Object value = members.get(member.name());
            if (value != null && include.test(member) && member.traits().has("xmlAttribute")) {
                out.attribute(elementName(member), values.format(member, value));
            }
        }
        for (Member member : structure.members().values()) {
            Object value = members.get(member.name());
            if (value != null && include.test(member) && !member.traits().has("xmlAttribute")) {
                writeMember(out, member, value);
            }
        }
    }

    void writeMember(XmlWriter out, Member member, Object value) {
        Shape target = member.target();
        boolean flattened = member.traits().has("xmlFlattened");
        switch (target.type()) {
            case LIST, SET -> {
                if (flattened) {
                    Member item = target.listMember();
                    for (Object element : (Iterable<?>) value) {
                        writeValue(out, elementName(member), namespaceOf(item, member), item, element);
                    }
                } else {
                    start(out, elementName(member), namespace(member));
                    writeItems(out, target, (Iterable<?>) value);
                    out.end();
                }
            }
            case MAP -> {
                if (flattened) {
                    for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
                        start(out, elementName(member), namespace(member));
                        writeEntry(out, target, entry);
                        out.end();
                    }
                } else {
                    start(out, elementName(member), namespace(member));
                    for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
                        out.start("entry");
                        writeEntry(out, target, entry);
                        out.end();
                    }
                    out.end();
                }
            }
            default -> writeValue(out, elementName(member), namespace(member), member, value);
        }
    }

    private void writeItems(XmlWriter out, Shape list, Iterable<?> items) {
        Member item = list.listMember();
        for (Object element : items) {
            if (element != null) {
                writeValue(out, item.traits().has("xmlName") ? elementName(item) : "member",
                        namespace(item), item, element);
            }
        }
    }

    private void writeEntry(XmlWriter out, Shape map, Map.Entry<?, ?> entry) {
        Member key = map.mapKey();
        Member value = map.mapValue();
        writeValue(out, elementName(key), namespace(key), key, entry.getKey());
        if (entry.getValue() != null) {
            writeValue(out, elementName(value), namespace(value), value, entry.getValue());
        }
    }

    /**
     * Writes one value as element {@code name}. {@code member} gives the target and the traits that
     * format it; a list or map value nested directly in a list or map is always wrapped.
     */
    private void writeValue(XmlWriter out, String name, JsonNode namespace, Member member, Object value) {
        Shape target = member.target();
        start(out, name, namespace);
        switch (target.type()) {
            case STRUCTURE, UNION -> writeContent(out, target, asMap(value), m -> true);
            case LIST, SET -> writeItems(out, target, (Iterable<?>) value);
            case MAP -> {
                for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
                    out.start("entry");
                    writeEntry(out, target, entry);
                    out.end();
                }
            }
            default -> out.text(values.format(member, value));
        }
        out.end();
    }

    private static void start(XmlWriter out, String name, JsonNode namespace) {
        out.start(name);
        declareNamespace(out, namespace);
    }

    /**
     * The member's xmlNamespace, else the fallback member's (a flattened list item takes the list's).
     * A structure's own xmlNamespace counts only where it is the document root.
     */
    private static JsonNode namespaceOf(Member member, Member fallback) {
        JsonNode own = namespace(member);
        return own != null ? own : namespace(fallback);
    }

    private static JsonNode namespace(Member member) {
        return member.traits().get("xmlNamespace");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, ?> asMap(Object value) {
        return (Map<String, ?>) value;
    }
}
