package dev.cloudjar.junit5;

import dev.cloudjar.core.server.CloudjarServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class ExtensionOptionsTest {
    @RegisterExtension
    static final CloudjarExtension CLOUD = CloudjarExtension.builder()
            .configure(c -> c.verifySignatures(false).option("dynamodb-eventual-lag-ms", "250"))
            .build();

    @Test
    void builderOptionsReachTheServer(CloudjarServer server) {
        assertFalse(server.config().verifySignatures());
        assertEquals("250", server.config().options().get("dynamodb-eventual-lag-ms"));
    }
}
