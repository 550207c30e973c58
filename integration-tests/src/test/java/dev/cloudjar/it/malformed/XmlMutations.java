package dev.cloudjar.it.malformed;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Damages an XML body: an element removed, repeated, renamed or of the wrong type; an unknown
 * element; text where S3 wants a number or an enum; and what no schema allows at all — entity
 * expansion, external entities, a lying encoding declaration, unclosed or deeply nested tags.
 */
final class XmlMutations {
    private XmlMutations() {
    }

    static boolean mutate(Draft draft, Random r) {
        Document doc = parse(draft.body);
        if (doc == null) {
            return false;
        }
        List<Element> elements = new ArrayList<>();
        NodeList all = doc.getElementsByTagName("*");
        for (int i = 0; i < all.getLength(); i++) {
            elements.add((Element) all.item(i));
        }
        Element target = Odd.pick(r, elements);
        boolean root = target == doc.getDocumentElement();
        String what = switch (r.nextInt(9)) {
            case 0, 1 -> {
                if (root) {
                    while (target.getFirstChild() != null) {
                        target.removeChild(target.getFirstChild());
                    }
                    yield "emptied the root";
                }
                target.getParentNode().removeChild(target);
                yield "removed <" + target.getTagName() + ">";
            }
            case 2 -> {
                if (!root) {
                    target.getParentNode().insertBefore(target.cloneNode(true), target);
                }
                yield "repeated <" + target.getTagName() + ">";
            }
            case 3 -> {
                target.setTextContent(r.nextBoolean() ? Odd.text(r) : Odd.number(r));
                yield "odd text in <" + target.getTagName() + ">";
            }
            case 4 -> {
                String edited = Odd.edit(target.getTextContent(), r);
                target.setTextContent(edited);
                yield "edited text of <" + target.getTagName() + ">: " + JsonMutations.abbreviate(edited);
            }
            case 5 -> {
                Element unknown = doc.createElementNS(target.getNamespaceURI(), Odd.pick(r, "Unknown", "Key", "Object", "Rule", "Tag"));
                unknown.setTextContent("x");
                target.appendChild(unknown);
                yield "added <" + unknown.getTagName() + "> to <" + target.getTagName() + ">";
            }
            case 6 -> {
                if (!root) {
                    doc.renameNode(target, target.getNamespaceURI(), target.getTagName() + "s");
                }
                yield "renamed <" + target.getTagName() + ">";
            }
            case 7 -> {
                Element nested = doc.createElementNS(target.getNamespaceURI(), "Value");
                nested.setTextContent(target.getTextContent());
                while (target.getFirstChild() != null) {
                    target.removeChild(target.getFirstChild());
                }
                target.appendChild(nested);
                yield "element where <" + target.getTagName() + "> holds text";
            }
            default -> {
                target.setAttribute("attr", "x");
                yield "attribute on <" + target.getTagName() + ">";
            }
        };
        draft.body = write(doc);
        draft.note("xml " + what);
        return true;
    }

    /** Replaces the body with XML no schema allows; returns what it did. */
    static String raw(Draft draft, Random r) {
        String body = new String(draft.body, StandardCharsets.UTF_8);
        String rootName = body.contains("<") ? rootName(body) : "Delete";
        String choice;
        String xml = switch (r.nextInt(12)) {
            case 0 -> {
                choice = "billion laughs";
                StringBuilder dtd = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE " + rootName + " [<!ENTITY l0 \"lol\">");
                for (int i = 1; i < 10; i++) {
                    dtd.append("<!ENTITY l").append(i).append(" \"").append(("&l" + (i - 1) + ";").repeat(10)).append("\">");
                }
                yield dtd + "]><" + rootName + ">&l9;</" + rootName + ">";
            }
            case 1 -> {
                choice = "external entity";
                yield "<?xml version=\"1.0\"?><!DOCTYPE " + rootName + " [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><"
                        + rootName + "><Key>&x;</Key></" + rootName + ">";
            }
            case 2 -> {
                choice = "encoding declared UTF-16";
                yield body.replaceFirst("encoding=\"UTF-8\"", "encoding=\"UTF-16\"").replaceFirst("^<" + rootName,
                        "<?xml version=\"1.0\" encoding=\"UTF-16\"?><" + rootName);
            }
            case 3 -> {
                choice = "unclosed root";
                yield body.substring(0, Math.max(0, body.lastIndexOf("</")));
            }
            case 4 -> {
                choice = "mismatched end tag";
                yield body.replaceFirst("</([A-Za-z]+)>", "</$1Wrong>");
            }
            case 5 -> {
                choice = "deep nesting";
                int depth = Odd.pick(r, 200, 5_000, 100_000);
                yield "<" + rootName + ">" + "<Object>".repeat(depth) + "</Object>".repeat(depth) + "</" + rootName + ">";
            }
            case 6 -> {
                choice = "undeclared prefix";
                yield body.replaceFirst("<" + rootName, "<x:" + rootName).replaceFirst("</" + rootName + ">$", "</x:" + rootName + ">");
            }
            case 7 -> {
                choice = "unknown entity";
                yield body.replaceFirst(">([^<]+)<", ">$1&unknown;<");
            }
            case 8 -> {
                choice = "character reference to a surrogate";
                yield body.replaceFirst(">([^<]+)<", ">$1&#xD800;&#0;<");
            }
            case 9 -> {
                choice = "not XML";
                yield Odd.pick(r, "{\"Delete\":{}}", "Delete", "<", "<>", "</" + rootName + ">", "<?xml version=\"1.0\"?>",
                        "<!-- only a comment -->", "<" + rootName + "/><" + rootName + "/>");
            }
            case 10 -> {
                choice = "processing instruction, comment and CDATA inside";
                yield body.replaceFirst(">([^<]+)<", "><?pi data?><!-- c --><![CDATA[$1]]><");
            }
            default -> {
                choice = "XML 1.1 with a control character";
                yield "<?xml version=\"1.1\"?><" + rootName + ">&#1;</" + rootName + ">";
            }
        };
        draft.body = xml.getBytes(StandardCharsets.UTF_8);
        return choice;
    }

    private static String rootName(String body) {
        String withoutDecl = body.replaceFirst("^<\\?xml[^>]*\\?>\\s*", "");
        int start = withoutDecl.indexOf('<') + 1;
        int end = start;
        while (end < withoutDecl.length() && Character.isLetterOrDigit(withoutDecl.charAt(end))) {
            end++;
        }
        return end > start ? withoutDecl.substring(start, end) : "Delete";
    }

    /** Larger bodies are what an earlier mutation made deep or huge; a DOM round trip of them gains nothing. */
    private static final int MAX_TREE_BODY = 16 * 1024;

    private static Document parse(byte[] body) {
        if (body.length == 0 || body[0] != '<' || body.length > MAX_TREE_BODY) {
            return null;
        }
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            var builder = factory.newDocumentBuilder();
            // A body an earlier mutation broke is expected here; the default handler would print each one.
            builder.setErrorHandler(new org.xml.sax.helpers.DefaultHandler());
            return builder.parse(new ByteArrayInputStream(body));
        } catch (Exception e) {
            return null;
        }
    }

    private static byte[] write(Node doc) {
        try {
            var transformer = TransformerFactory.newInstance().newTransformer();
            transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            StringWriter out = new StringWriter();
            transformer.transform(new DOMSource(doc), new StreamResult(out));
            return out.toString().getBytes(StandardCharsets.UTF_8);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
