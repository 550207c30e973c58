package dev.cloudjar.core.config;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CloudjarConfigTest {
    @Test
    void toArgsResolvesBackToTheSameConfiguration() {
        CloudjarConfig config = CloudjarConfig.builder()
                .host("0.0.0.0").port(0).dataDir(Path.of("/tmp/cloud data"))
                .verifySignatures(false)
                .credential("AKIDEXAMPLE", "secret", "111122223333")
                .credential("test", "test", null)
                .defaultAccount("444455556666").defaultRegion("eu-west-1").logLevel("warn")
                .maxBodyBytes(1234).idleTimeout(Duration.ofSeconds(7)).workerThreads(3)
                .option("dynamodb-eventual-lag-ms", "200").option("lambda-concurrency-limit", "5")
                .build();

        CloudjarConfig back = CloudjarConfig.resolve(config.toArgs().toArray(String[]::new), Map.of());

        assertEquals(config.host(), back.host());
        assertEquals(config.port(), back.port());
        assertEquals(config.dataDir(), back.dataDir());
        assertEquals(config.verifySignatures(), back.verifySignatures());
        assertEquals(config.credentials(), back.credentials());
        assertEquals(config.defaultAccount(), back.defaultAccount());
        assertEquals(config.defaultRegion(), back.defaultRegion());
        assertEquals(config.logLevel(), back.logLevel());
        assertEquals(config.maxBodyBytes(), back.maxBodyBytes());
        assertEquals(config.idleTimeout(), back.idleTimeout());
        assertEquals(config.workerThreads(), back.workerThreads());
        assertEquals(config.options(), back.options());
    }

    @Test
    void defaultsSurviveTheRoundTrip() {
        CloudjarConfig back = CloudjarConfig.resolve(CloudjarConfig.defaults().toArgs().toArray(String[]::new), Map.of());
        assertEquals(CloudjarConfig.defaults().credentials(), back.credentials());
        assertEquals(4566, back.port());
        assertEquals(null, back.dataDir());
    }

    @Test
    void theClockOptionTakesAnInstantFromTheCommandLineOrTheEnvironment() {
        assertEquals(java.util.Optional.of(java.time.Instant.parse("2030-01-01T00:00:00Z")),
                CloudjarConfig.resolve(new String[]{"--clock", "2030-01-01T00:00:00Z"}, Map.of()).clockStart());
        CloudjarConfig fromEnvironment = CloudjarConfig.resolve(new String[0], Map.of("CLOUDJAR_CLOCK", "2031-02-03T04:05:06Z"));
        assertEquals(java.time.Instant.parse("2031-02-03T04:05:06Z"), fromEnvironment.clockStart().orElseThrow());
        assertEquals(fromEnvironment.clockStart(), CloudjarConfig.resolve(
                fromEnvironment.toArgs().toArray(String[]::new), Map.of()).clockStart());
        assertEquals(java.util.Optional.empty(), CloudjarConfig.defaults().clockStart());
        IllegalArgumentException bad = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> CloudjarConfig.resolve(new String[]{"--clock=tomorrow"}, Map.of()));
        assertEquals("--clock takes an instant such as 2030-01-01T00:00:00Z, not 'tomorrow'", bad.getMessage());
    }

    @Test
    void unknownFlagsAndVariablesAreNamedWithTheClosestKnownOption() {
        List<CloudjarConfig.Option> service = List.of(new CloudjarConfig.Option("lambda-retry-delay-scale", "1", ""));
        assertEquals(java.util.Optional.empty(), CloudjarConfig.unknownOption(
                new String[]{"--port", "0", "--no-verify-signatures", "--lambda-retry-delay-scale=0.1"},
                Map.of("CLOUDJAR_DATA_DIR", "/d", "CLOUDJAR_TEST_POSTGRES_URL", "jdbc:x", "PATH", "/bin"), service));
        assertEquals("unknown option --data-dri (did you mean --data-dir? see --help)", CloudjarConfig.unknownOption(
                new String[]{"--data-dri", "/x"}, Map.of(), service).orElseThrow());
        // Not an option until IAM enforcement exists: refused rather than silently accepted.
        org.junit.jupiter.api.Assertions.assertTrue(CloudjarConfig.unknownOption(new String[]{"--enforce-iam"}, Map.of(),
                service).orElseThrow().startsWith("unknown option --enforce-iam (did you mean --"));
        assertEquals("unknown option --lambda-retry-delay (did you mean --lambda-retry-delay-scale? see --help)",
                CloudjarConfig.unknownOption(new String[]{"--lambda-retry-delay=2"}, Map.of(), service).orElseThrow());
        assertEquals("unknown environment variable CLOUDJAR_WORKER_THREAD (did you mean CLOUDJAR_WORKER_THREADS? see --help)",
                CloudjarConfig.unknownOption(new String[0], Map.of("CLOUDJAR_WORKER_THREAD", "4"), service).orElseThrow());
        assertEquals(1, CloudjarConfig.editDistance("data-dri", "data-dir"));
        assertEquals(3, CloudjarConfig.editDistance("kitten", "sitting"));
    }
}
