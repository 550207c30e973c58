package dev.cloudjar.core.protocol.xml;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A small streaming XML writer: start an element, add attributes while its tag is open, write text
 * or children, end it. Escapes text and attribute values; writes no whitespace between elements, as
 * AWS does.
 */
public final class XmlWriter {
    private static final char REPLACEMENT = '\uFFFD';
    private final StringBuilder out = new StringBuilder(256);
    private final Deque<String> open = new ArrayDeque<>();
    private boolean tagOpen;

    /** A writer whose document starts with the XML declaration and line break S3 sends. */
    public static XmlWriter withDeclaration() {
        XmlWriter writer = new XmlWriter();
        writer.out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        return writer;
    }

    public XmlWriter start(String name) {
        closeTag();
        out.append('<').append(name);
        open.push(name);
        tagOpen = true;
        return this;
    }

    /** Adds an attribute to the element just started; a null value adds nothing. */
    public XmlWriter attribute(String name, String value) {
        if (!tagOpen) {
            throw new IllegalStateException("attribute " + name + " after the start tag was closed");
        }
        if (value != null) {
            out.append(' ').append(name).append("=\"");
            escape(value, true);
            out.append('"');
        }
        return this;
    }

    public XmlWriter text(String value) {
        closeTag();
        escape(value, false);
        return this;
    }

    public XmlWriter end() {
        String name = open.pop();
        if (tagOpen) {
            out.append("/>");
            tagOpen = false;
        } else {
            out.append("</").append(name).append('>');
        }
        return this;
    }

    /** Writes {@code <name>value</name>}. */
    public XmlWriter element(String name, String value) {
        return start(name).text(value).end();
    }

    public byte[] toBytes() {
        return toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        if (!open.isEmpty()) {
            throw new IllegalStateException("unclosed elements " + open);
        }
        return out.toString();
    }

    private void closeTag() {
        if (tagOpen) {
            out.append('>');
            tagOpen = false;
        }
    }

    private void escape(String value, boolean attribute) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append(attribute ? "&quot;" : "\"");
                // A reader would normalise raw carriage returns (and, in attributes, line breaks and tabs) away.
                case '\r' -> out.append("&#xD;");
                case '\n' -> out.append(attribute ? "&#xA;" : "\n");
                case '\t' -> out.append(attribute ? "&#x9;" : "\t");
                default -> out.append(isXmlChar(value, i) ? c : REPLACEMENT);
            }
        }
    }

    /**
     * XML 1.0 cannot carry other control characters, U+FFFE/U+FFFF or unpaired surrogates, not even
     * as character references; they are written as U+FFFD so the document stays readable.
     */
    private static boolean isXmlChar(String value, int i) {
        char c = value.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1));
        }
        if (Character.isLowSurrogate(c)) {
            return i > 0 && Character.isHighSurrogate(value.charAt(i - 1));
        }
        return c >= 0x20 && c != 0xFFFE && c != 0xFFFF;
    }
}
