package dev.cloudjar.it.events;

import dev.cloudjar.it.fixtures.Processes;
import dev.cloudjar.junit5.Cloudjar;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.Map;

import static dev.cloudjar.it.fixtures.Boto3Sweeps.script;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every EventBridge operation Cloudjar implements, through boto3 (boto3_sweep.py in this package's test
 * resources): valid calls with their answers' key fields checked, and the main error of each operation whose SDK v2
 * tests check one, by code, HTTP status and message.
 */
@Cloudjar
class EventBridgeBoto3Test {

    @Test
    void boto3CallsEveryOperationAndGetsEventBridgeErrors(URI endpoint) throws Exception {
        Processes.Result python = Processes.run(List.of("python3", "-c", script(EventBridgeBoto3Test.class)),
                Map.of("CLOUDJAR_ENDPOINT", endpoint.toString()));
        assertEquals(0, python.exitCode(), python.output());
        assertEquals("ok 40 operations 39 errors", python.output().trim());
    }
}
