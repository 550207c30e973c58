package dev.cloudjar.core.protocol.conformance;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.cbor.CBORParser;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import dev.cloudjar.core.http.Request;
import dev.cloudjar.core.http.RequestBody;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Type-aware equality for the harness: parsed values (numbers of the exact Java type the model
 * implies, NaN equal to NaN, blobs and streams by bytes, documents structurally) and bodies by
 * media type (JSON and CBOR structurally, XML ignoring insignificant whitespace and attribute
 * order, forms as parameter maps).
 */
final class Equivalence {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final CBORMapper CBOR = new CBORMapper();
    private static final String CBOR_TYPE = "application/cbor";
    /** Where a CBOR body's tag 1 (epoch timestamp) shows in the tree it is compared as. */
    private static final String TIMESTAMP_TAG = "tag 1";

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

    /** Whether the cases write bodies of this media type in base64. */
    static boolean isBinary(String mediaType) {
        return CBOR_TYPE.equals(mediaType);
    }

    /** Null when the bodies mean the same for the media type, else how they differ. */
    static String bodyDifference(String mediaType, String expected, byte[] actual) {
        if (CBOR_TYPE.equals(mediaType)) {
            return cborDifference(Base64.getDecoder().decode(expected), actual);
        }
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

    /** JSON equality where 1 and 1.0 are the same number, and NaN is NaN. */
    static boolean jsonEquals(JsonNode expected, JsonNode actual) {
        return expected.equals((a, b) -> a.isNumber() && b.isNumber() ? compareNumbers(a, b)
                : a.equals(b) ? 0 : 1, actual);
    }

    /** By decimal value, except NaN and the infinities, which have none (CBOR spells them as floats). */
    private static int compareNumbers(JsonNode a, JsonNode b) {
        return nonFinite(a) || nonFinite(b) ? Double.compare(a.doubleValue(), b.doubleValue())
                : a.decimalValue().compareTo(b.decimalValue());
    }

    private static boolean nonFinite(JsonNode number) {
        return number.isFloatingPointNumber() && !Double.isFinite(number.doubleValue());
    }

    /**
     * CBOR bodies compared as trees, whatever their lengths are encoded as (definite or not) and
     * however wide their numbers are; a timestamp's tag 1 must be where the case has it.
     */
    private static String cborDifference(byte[] expected, byte[] actual) {
        if (expected.length == 0 && actual.length == 0) {
            return null;
        }
        try {
            JsonNode expectedTree = cborTree(expected);
            JsonNode actualTree = cborTree(actual);
            return jsonEquals(expectedTree, actualTree) ? null
                    : "body: expected " + expectedTree + " but was " + actualTree;
        } catch (IOException | RuntimeException e) {
            return "body: expected CBOR " + Base64.getEncoder().encodeToString(expected) + " but was "
                    + Base64.getEncoder().encodeToString(actual) + " (" + e + ")";
        }
    }

    private static JsonNode cborTree(byte[] cbor) throws IOException {
        try (CBORParser parser = CBOR.getFactory().createParser(cbor)) {
            parser.nextToken();
            JsonNode tree = cborValue(parser);
            if (parser.nextToken() != null) {
                throw new IOException("trailing data after the body");
            }
            return tree;
        }
    }

    /** The value at the parser's token; one tagged with 1 is wrapped as {"tag 1": value}. */
    private static JsonNode cborValue(CBORParser parser) throws IOException {
        boolean timestamp = parser.getCurrentTag() == 1;
        JsonNode value;
        if (parser.currentToken() == JsonToken.START_OBJECT) {
            ObjectNode object = JsonNodeFactory.instance.objectNode();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                object.set(name, cborValue(parser));
            }
            value = object;
        } else if (parser.currentToken() == JsonToken.START_ARRAY) {
            ArrayNode array = JsonNodeFactory.instance.arrayNode();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                array.add(cborValue(parser));
            }
            value = array;
        } else {
            value = CBOR.readTree(parser);
        }
        return timestamp ? JsonNodeFactory.instance.objectNode().set(TIMESTAMP_TAG, value) : value;
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
