package dev.cloudjar.core.protocol.xml;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

class XmlWriterTest {

    @Test
    void textAndAttributesAreEscaped() {
        String xml = new XmlWriter().start("a").attribute("v", "\"<&>\"\n").text("<&>\"\r").end().toString();
        assertEquals("<a v=\"&quot;&lt;&amp;&gt;&quot;&#xA;\">&lt;&amp;&gt;\"&#xD;</a>", xml);
    }

    @Test
    void charactersXmlCannotCarryBecomeReplacementCharacters() throws Exception {
        String xml = new XmlWriter().element("Key", "a\u0000b\uD800c\uD83D\uDE00").toString();
        assertEquals("<Key>a\uFFFDb\uFFFDc\uD83D\uDE00</Key>", xml);
        assertEquals("a\uFFFDb\uFFFDc\uD83D\uDE00", new XmlParser().parse(xml.getBytes(StandardCharsets.UTF_8)).text());
    }

    @Test
    void emptyElementsAreSelfClosing() {
        assertEquals("<a><b/></a>", new XmlWriter().start("a").start("b").end().end().toString());
    }
}
