package dev.cloudjar.scheduler;

import dev.cloudjar.core.model.Protocol;
import dev.cloudjar.core.model.ServiceModel;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

class SchedulerModelTest {
    private final ServiceModel model =
            ServiceModel.loadResource(getClass().getClassLoader(), "dev/cloudjar/scheduler/scheduler.json");

    @Test
    void theModelIsARestJsonServiceSignedAsScheduler() {
        assertEquals(Protocol.REST_JSON_1, model.protocol());
        assertEquals("scheduler", model.signingName());
        assertEquals("2021-06-30", model.version());
        assertEquals(12, model.operations().size());
        assertNotNull(model.operation("CreateSchedule"));
        assertNotNull(model.operation("ListTagsForResource"));
    }
}
