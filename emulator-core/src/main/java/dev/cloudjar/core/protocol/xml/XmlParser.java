package dev.cloudjar.core.protocol.xml;

import com.ctc.wstx.stax.WstxInputFactory;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.ByteArrayInputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a request's XML body into {@link XmlElement}s with StAX. Documents type declarations and
 * external entities are refused, so a body cannot make the emulator read files or fetch URLs (XXE),
 * nor expand entities without bound.
 */
public final class XmlParser {
    /** Bounds nesting so a hostile body cannot exhaust the stack of the shape readers. */
    private static final int MAX_DEPTH = 64;

    private final XMLInputFactory factory;

    public XmlParser() {
        // Woodstox by name, not XMLInputFactory.newFactory(): that looks the implementation up on
        // the class path, which inside a test JVM is the user's (the JUnit extension's jar carries
        // a relocated Woodstox and does not register it), so parsing would depend on the project.
        factory = new WstxInputFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
    }

    /** The document's root element. */
    public XmlElement parse(byte[] document) throws MalformedXmlException {
        XMLStreamReader reader = null;
        try {
            reader = factory.createXMLStreamReader(new ByteArrayInputStream(document));
            return read(reader);
        } catch (XMLStreamException | RuntimeException e) {
            throw new MalformedXmlException(e.getMessage());
        } finally {
            close(reader);
        }
    }

    private static XmlElement read(XMLStreamReader reader) throws XMLStreamException, MalformedXmlException {
        Deque<Builder> stack = new ArrayDeque<>();
        XmlElement root = null;
        while (reader.hasNext()) {
            int event = reader.next();
            switch (event) {
                case XMLStreamConstants.START_ELEMENT -> {
                    if (root != null) {
                        throw new MalformedXmlException("content after the root element");
                    }
                    if (stack.size() >= MAX_DEPTH) {
                        throw new MalformedXmlException("elements nested deeper than " + MAX_DEPTH);
                    }
                    stack.push(new Builder(reader.getLocalName(), attributes(reader)));
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    if (!stack.isEmpty()) {
                        stack.peek().text.append(reader.getText());
                    }
                }
                case XMLStreamConstants.ENTITY_REFERENCE, XMLStreamConstants.DTD ->
                        throw new MalformedXmlException("document type declarations and entities are not allowed");
                case XMLStreamConstants.END_ELEMENT -> {
                    XmlElement element = stack.pop().build();
                    if (stack.isEmpty()) {
                        root = element;
                    } else {
                        stack.peek().children.add(element);
                    }
                }
                default -> {
                }
            }
        }
        if (root == null) {
            throw new MalformedXmlException("no root element");
        }
        return root;
    }

    private static Map<String, String> attributes(XMLStreamReader reader) {
        Map<String, String> attributes = new LinkedHashMap<>();
        for (int i = 0; i < reader.getAttributeCount(); i++) {
            String prefix = reader.getAttributePrefix(i);
            String name = reader.getAttributeLocalName(i);
            attributes.put(prefix == null || prefix.isEmpty() ? name : prefix + ":" + name, reader.getAttributeValue(i));
        }
        return attributes;
    }

    private static void close(XMLStreamReader reader) {
        if (reader != null) {
            try {
                reader.close();
            } catch (XMLStreamException ignored) {
                // Nothing is left to release once parsing has stopped.
            }
        }
    }

    private static final class Builder {
        private final String name;
        private final Map<String, String> attributes;
        private final List<XmlElement> children = new ArrayList<>();
        private final StringBuilder text = new StringBuilder();

        Builder(String name, Map<String, String> attributes) {
            this.name = name;
            this.attributes = attributes;
        }

        XmlElement build() {
            return new XmlElement(name, attributes, children, text.toString());
        }
    }

    /** The body is not well-formed XML, or uses a construct the emulator refuses. */
    public static final class MalformedXmlException extends Exception {
        public MalformedXmlException(String message) {
            super(message, null, false, false);
        }
    }
}
