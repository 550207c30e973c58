package dev.cloudjar.core.protocol.xml;

import java.util.List;
import java.util.Map;

/**
 * An element of a parsed XML document: its local name, attributes (by qualified name as written,
 * e.g. "xsi:type"), child elements and the text directly inside it.
 */
public record XmlElement(String name, Map<String, String> attributes, List<XmlElement> children, String text) {

    public XmlElement {
        attributes = Map.copyOf(attributes);
        children = List.copyOf(children);
    }

    /** The first child with this name, or null. */
    public XmlElement child(String childName) {
        for (XmlElement child : children) {
            if (child.name.equals(childName)) {
                return child;
            }
        }
        return null;
    }

    /** Every child with this name, in document order. */
    public List<XmlElement> children(String childName) {
        return children.stream().filter(c -> c.name.equals(childName)).toList();
    }
}
