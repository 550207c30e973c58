package dev.cloudjar.core.protocol.conformance;

import dev.cloudjar.core.model.Protocol;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

class SmithyProtocolTestsTest {
    @ParameterizedTest
    @EnumSource(Protocol.class)
    void everyProtocolHasServerRequestAndResponseCases(Protocol protocol) {
        List<ConformanceCase> cases = SmithyProtocolTests.load().cases(protocol);

        assertTrue(cases.stream().anyMatch(c -> c instanceof ConformanceCase.RequestCase), protocol + " requests");
        assertTrue(cases.stream().anyMatch(c -> c instanceof ConformanceCase.ResponseCase), protocol + " responses");
        assertTrue(cases.stream().anyMatch(c -> c instanceof ConformanceCase.ErrorCase), protocol + " errors");
        System.out.printf("%s: %d server-side cases%n", protocol, cases.size());
    }
}
