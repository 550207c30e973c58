package dev.cloudjar.events;

import dev.cloudjar.core.model.Protocol;
import dev.cloudjar.core.model.ServiceModel;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

class EventsModelTest {
    private final ServiceModel model =
            ServiceModel.loadResource(getClass().getClassLoader(), "dev/cloudjar/events/eventbridge.json");

    @Test
    void theModelIsAJsonServiceSignedAsEvents() {
        assertEquals(Protocol.AWS_JSON_1_1, model.protocol());
        assertEquals("events", model.signingName());
        assertEquals("2015-10-07", model.version());
        assertEquals(29, model.operations().size());
        assertNotNull(model.operation("PutEvents"));
        assertNotNull(model.operation("TestEventPattern"));
    }
}
