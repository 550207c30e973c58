package dev.cloudjar.core.spi;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class TraceHeaderTest {
    @Test
    void readsTheFieldsOfXRaysHeaderInAnyCaseAndDropsTheOthers() {
        // Lambda's own answers spell the keys in lower case and add a Lineage.
        TraceHeader trace = TraceHeader.parse("root=1-6570fe56-4dd9da7033705f415eade5b3;sampled=0;lineage=b1aeed8b:0");
        assertEquals(new TraceHeader("1-6570fe56-4dd9da7033705f415eade5b3", null, "0"), trace);
        assertEquals("Root=1-6570fe56-4dd9da7033705f415eade5b3;Sampled=0", trace.toString());
    }

    @Test
    void aHeaderWithoutAValidRootIsNoTrace() {
        assertNull(TraceHeader.parse(null));
        assertNull(TraceHeader.parse("Parent=53995c3f42cd8ad8;Sampled=1"));
        assertNull(TraceHeader.parse("Root=1-5759e988-bd86"));
        assertNull(TraceHeader.parse("Root=1-5759e98g-bd862e3fe1be46a994272793"));
    }

    @Test
    void anInvalidParentOrSampledIsLeftOut() {
        TraceHeader trace = TraceHeader.parse("Root=1-5759e988-bd862e3fe1be46a994272793;Parent=xyz;Sampled=yes");
        assertEquals("Root=1-5759e988-bd862e3fe1be46a994272793", trace.toString());
    }

    @Test
    void aNewTraceCarriesItsEpochSecondAndRandomBits() {
        Instant now = Instant.ofEpochSecond(0x5759e988L);
        TraceHeader one = TraceHeader.create(now);
        assertEquals("1-5759e988-", one.root().substring(0, 11));
        assertEquals(35, one.root().length());
        assertNotEquals(one.root(), TraceHeader.create(now).root());
        assertEquals(one, TraceHeader.parse(one.toString()));
    }
}
