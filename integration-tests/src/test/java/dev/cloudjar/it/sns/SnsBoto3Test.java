package dev.cloudjar.it.sns;

import dev.cloudjar.it.fixtures.Processes;
import dev.cloudjar.junit5.Cloudjar;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.Map;

import static dev.cloudjar.it.fixtures.Boto3Sweeps.script;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every SNS operation Cloudjar implements, through boto3 (boto3_sweep.py in this package's test
 * resources): valid calls with their answers' key fields checked, and the main error of each operation whose SDK v2
 * tests check one, by code, HTTP status and message; the HTTP subscriber checks the signatures of what it receives.
 */
@Cloudjar
class SnsBoto3Test {

    @Test
    void boto3CallsEveryOperationAndGetsSnsErrors(URI endpoint) throws Exception {
        Processes.Result python = Processes.run(List.of("python3", "-c", script(SnsBoto3Test.class)),
                Map.of("CLOUDJAR_ENDPOINT", endpoint.toString()));
        assertEquals(0, python.exitCode(), python.output());
        assertEquals("ok 17 operations 24 errors", python.output().trim());
    }
}
