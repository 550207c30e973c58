package dev.cloudjar.core.protocol.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cloudjar.core.http.Request;
import dev.cloudjar.core.http.RequestBody;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Type-aware equality for the harness: parsed values (numbers of the exact Java type the model
 * implies, NaN equal to NaN, blobs and streams by bytes, documents structurally) and bodies by
 * media type (JSON structurally, XML ignoring insignificant whitespace and attribute order, forms
 * as parameter maps).
 */
final class Equivalence {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Equivalence() {
    }

    /** Null when equal, else where and how they differ. */
    static String valueDifference(Object expected, Object actual, String path) {
        if (expected == null || actual == null) {
            return expected == actual ? null : path + ": expected " + show(expected) + " but was " + show(actual);
        }
        if (expected instanceof byte[] bytes) {
            byte[] actualBytes = bytes(actual);
            return Arrays.equals(bytes, actualBytes) ? null
                    : path + ": expected bytes " + show(expected) + " but was " + show(actual);
        }
        if (expected instanceof JsonNode document) {
            JsonNode actualNode = actual instanceof JsonNode n ? n : JSON.valueToTree(actual);
            return jsonEquals(document, actualNode) ? null
                    : path + ": expected document " + document + " but was " + actualNode;
        }
        if (expected instanceof Number number) {
            return numberDifference(number, actual, path);
        }
        if (expected instanceof List<?> list) {
            return listDifference(list, actual, path);
        }
        if (expected instanceof Map<?, ?> map) {
            return mapDifference(map, actual, path);
        }
        if (expected instanceof Instant && !(actual instanceof Instant)) {
            return path + ": expected timestamp " + expected + " but was " + show(actual);
        }
        return expected.equals(actual) ? null : path + ": expected " + show(expected) + " but was " + show(actual);
    }

    private static String numberDifference(Number expected, Object actual, String path) {
        if (!expected.getClass().equals(actual.getClass())) {
            return path + ": expected " + expected.getClass().getSimpleName() + " " + expected + " but was "
                    + show(actual);
        }
        boolean equal = expected instanceof Double || expected instanceof Float
                ? Double.compare(expected.doubleValue(), ((Number) actual).doubleValue()) == 0
                : new BigDecimal(expected.toString()).compareTo(new BigDecimal(actual.toString())) == 0;
        return equal ? null : path + ": expected " + expected + " but was " + actual;
    }

    private static String listDifference(List<?> expected, Object actual, String path) {
        if (!(actual instanceof List<?> list) || list.size() != expected.size()) {
            return path + ": expected list " + expected + " but was " + show(actual);
        }
        for (int i = 0; i < expected.size(); i++) {
            String d = valueDifference(expected.get(i), list.get(i), path + "[" + i + "]");
            if (d != null) {
                return d;
            }
        }
        return null;
    }

    private static String mapDifference(Map<?, ?> expected, Object actual, String path) {
        if (!(actual instanceof Map<?, ?> map)) {
            return path + ": expected map " + expected + " but was " + show(actual);
        }
        Set<Object> keys = new HashSet<>(expected.keySet());
        keys.addAll(map.keySet());
        for (Object key : keys) {
            String d = valueDifference(expected.get(key), map.get(key), path + "." + key);
            if (d != null) {
                return d;
            }
        }
        return null;
    }

    private static byte[] bytes(Object value) {
        if (value instanceof byte[] b) {
            return b;
        }
        if (value instanceof RequestBody body) {
            return body.bytes();
        }
        return null;
    }

    private static String show(Object value) {
        if (value instanceof byte[] b) {
            return "'" + new String(b, StandardCharsets.UTF_8) + "'";
        }
        return value == null ? "null" : value + " (" + value.getClass().getSimpleName() + ")";
    }

    /** Null when the bodies mean the same for the media type, else how they differ. */
    static String bodyDifference(String mediaType, String expected, byte[] actual) {
        String actualText = new String(actual, StandardCharsets.UTF_8);
        if (expected.isBlank() && actualText.isBlank()) {
            return null;
        }
        try {
            boolean equal = switch (mediaType == null ? "" : mediaType) {
                case "application/json" -> jsonEquals(JSON.readTree(expected), JSON.readTree(actualText));
                case "application/xml" -> xmlEquals(expected, actual);
                case "application/x-www-form-urlencoded" -> Objects.equals(
                        new TreeMap<>(Request.parseQuery(expected.replaceAll("\\s*&\\s*", "&").strip())),
                        new TreeMap<>(Request.parseQuery(actualText)));
                default -> expected.equals(actualText);
            };
            return equal ? null : "body: expected " + expected + " but was " + actualText;
        } catch (Exception e) {
            return "body: expected " + expected + " but was " + actualText + " (" + e + ")";
        }
    }

    /** JSON equality where 1 and 1.0 are the same number. */
    static boolean jsonEquals(JsonNode expected, JsonNode actual) {
        return expected.equals((a, b) -> a.isNumber() && b.isNumber()
                ? a.decimalValue().compareTo(b.decimalValue())
                : a.equals(b) ? 0 : 1, actual);
    }

    private static boolean xmlEquals(String expected, byte[] actual) throws Exception {
        return elementEquals(xml(expected.getBytes(StandardCharsets.UTF_8)).getDocumentElement(),
                xml(actual).getDocumentElement());
    }

    private static Document xml(byte[] bytes) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(false);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(bytes));
    }

    private static boolean elementEquals(Element expected, Element actual) {
        if (!expected.getTagName().equals(actual.getTagName())
                || !attributes(expected).equals(attributes(actual))) {
            return false;
        }
        List<Node> expectedChildren = children(expected);
        List<Node> actualChildren = children(actual);
        if (expectedChildren.size() != actualChildren.size()) {
            return false;
        }
        for (int i = 0; i < expectedChildren.size(); i++) {
            Node e = expectedChildren.get(i);
            Node a = actualChildren.get(i);
            boolean same = e instanceof Element ee
                    ? a instanceof Element ae && elementEquals(ee, ae)
                    : !(a instanceof Element) && e.getTextContent().strip().equals(a.getTextContent().strip());
            if (!same) {
                return false;
            }
        }
        return true;
    }

    private static Map<String, String> attributes(Element element) {
        Map<String, String> out = new TreeMap<>();
        NamedNodeMap attributes = element.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            out.put(attributes.item(i).getNodeName(), attributes.item(i).getNodeValue());
        }
        return out;
    }

    /** Child elements and non-blank text, with whitespace between elements dropped. */
    private static List<Node> children(Element element) {
        List<Node> out = new ArrayList<>();
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            boolean blankText = child.getNodeType() == Node.TEXT_NODE && child.getTextContent().isBlank();
            if (child.getNodeType() == Node.ELEMENT_NODE
                    || (child.getNodeType() == Node.TEXT_NODE || child.getNodeType() == Node.CDATA_SECTION_NODE)
                    && !blankText) {
                out.add(child);
            }
        }
        return out;
    }
}
