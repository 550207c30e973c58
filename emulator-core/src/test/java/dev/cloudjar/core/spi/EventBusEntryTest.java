package dev.cloudjar.core.spi;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class EventBusEntryTest {
    @Test
    void theBodyIsAPutEventsEntryAndReadsBackAsTheSameEntry() throws IOException {
        EventBusEntry entry = EventBusEntry.of("aws.s3", "Object Created", RecordJson.tree("{\"bucket\":{\"name\":\"b\"}}"),
                List.of("arn:aws:s3:::b"));

        JsonNode body = RecordJson.tree(entry.json());

        assertEquals("aws.s3", body.path("Source").asText());
        assertEquals("Object Created", body.path("DetailType").asText());
        assertEquals("{\"bucket\":{\"name\":\"b\"}}", body.path("Detail").asText(), "Detail is JSON text, as PutEvents takes it");
        assertEquals("arn:aws:s3:::b", body.at("/Resources/0").asText());
        assertEquals(entry, EventBusEntry.parse(entry.json()));
    }

    @Test
    void aDeliveryToTheBusIsMadeByTheSourcesServicePrincipal() {
        Delivery delivery = new EventBusEntry("lambda", "t", "{}", null)
                .delivery("arn:aws:events:us-west-2:111111111111:event-bus/b", "arn:aws:s3:::bucket", "111111111111");

        assertEquals("events", delivery.receiver());
        assertEquals("s3.amazonaws.com", delivery.callContext().principal().arn());
        assertEquals(new Scope("111111111111", "us-west-2"), delivery.callContext().scope());
        assertEquals(List.of(), EventBusEntry.parse(delivery.body()).resources());
    }
}
