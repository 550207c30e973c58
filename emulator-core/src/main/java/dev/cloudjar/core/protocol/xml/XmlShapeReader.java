package dev.cloudjar.core.protocol.xml;

import dev.cloudjar.core.model.Member;
import dev.cloudjar.core.model.Shape;
import dev.cloudjar.core.model.ShapeType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Reads member values from XML elements by the model, the inverse of {@link XmlShapeWriter}.
 * Elements the model does not know are ignored, as AWS ignores them. A value of the wrong type
 * fails with an {@link IllegalArgumentException} naming the element.
 */
final class XmlShapeReader {
    private XmlShapeReader() {
    }

    /** The members of a structure (or union) read from its element. */
    static Map<String, Object> readContent(XmlElement element, Shape structure, Predicate<Member> include) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Member member : structure.members().values()) {
            if (!include.test(member)) {
                continue;
            }
            Object value = readMember(element, member);
            if (value != null) {
                values.put(member.name(), value);
                if (structure.type() == ShapeType.UNION) {
                    break;
                }
            }
        }
        return values;
    }

    private static Object readMember(XmlElement parent, Member member) {
        String name = XmlShapeWriter.elementName(member);
        if (member.traits().has("xmlAttribute")) {
            String text = parent.attributes().get(name);
            return text == null ? null : scalar(member, text, name);
        }
        Shape target = member.target();
        boolean collection = target.type() == ShapeType.LIST || target.type() == ShapeType.SET
                || target.type() == ShapeType.MAP;
        if (collection && member.traits().has("xmlFlattened")) {
            List<XmlElement> elements = parent.children(name);
            if (elements.isEmpty()) {
                return null;
            }
            if (target.type() == ShapeType.MAP) {
                Map<String, Object> map = new LinkedHashMap<>();
                elements.forEach(entry -> readEntry(entry, target, map));
                return map;
            }
            List<Object> list = new ArrayList<>();
            elements.forEach(item -> list.add(readValue(item, target.listMember())));
            return list;
        }
        XmlElement element = parent.child(name);
        return element == null ? null : readValue(element, member);
    }

    /** The value of one element for a member (or a list's or map's member). */
    static Object readValue(XmlElement element, Member member) {
        Shape target = member.target();
        return switch (target.type()) {
            case STRUCTURE, UNION -> readContent(element, target, m -> true);
            case LIST, SET -> {
                List<Object> list = new ArrayList<>();
                element.children().forEach(item -> list.add(readValue(item, target.listMember())));
                yield list;
            }
            case MAP -> {
                Map<String, Object> map = new LinkedHashMap<>();
                element.children().forEach(entry -> readEntry(entry, target, map));
                yield map;
            }
            default -> scalar(member, element.text(), element.name());
        };
    }

    private static void readEntry(XmlElement entry, Shape map, Map<String, Object> into) {
        XmlElement key = entry.child(XmlShapeWriter.elementName(map.mapKey()));
        if (key == null) {
            throw new IllegalArgumentException("map entry in " + entry.name() + " has no key");
        }
        XmlElement value = entry.child(XmlShapeWriter.elementName(map.mapValue()));
        into.put(key.text(), value == null ? null : readValue(value, map.mapValue()));
    }

    private static Object scalar(Member member, String text, String where) {
        return XmlValues.parse(member, text, where);
    }
}
