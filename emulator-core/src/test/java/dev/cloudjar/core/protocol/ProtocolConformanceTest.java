package dev.cloudjar.core.protocol;

import dev.cloudjar.core.model.Protocol;
import dev.cloudjar.core.protocol.conformance.ConformanceSuite;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.Map;
import java.util.stream.Stream;

/** The official Smithy AWS protocol tests (server side) against each codec of {@link Codecs#standard()}. */
class ProtocolConformanceTest {
    private static final String GZIP = "client request compression: the case's body is the uncompressed text under "
            + "Content-Encoding gzip (gzip bodies are covered by AwsJsonCodecTest)";
    private static final String REQUEST_ID = "expects the request id the client was given; the gateway assigns "
            + "request ids and passes them to write()";

    private final Codecs codecs = Codecs.standard();

    @TestFactory
    Stream<DynamicTest> awsJson1_0() {
        return ConformanceSuite.dynamicTests(Protocol.AWS_JSON_1_0, codecs.forProtocol(Protocol.AWS_JSON_1_0), Map.of(
                "SDKAppliedContentEncoding_awsJson1_0", GZIP,
                "SDKAppendsGzipAndIgnoresHttpProvidedEncoding_awsJson1_0", GZIP));
    }

    @TestFactory
    Stream<DynamicTest> awsJson1_1() {
        return ConformanceSuite.dynamicTests(Protocol.AWS_JSON_1_1, codecs.forProtocol(Protocol.AWS_JSON_1_1), Map.of(
                "parses_the_request_id_from_the_response", REQUEST_ID,
                "SDKAppliedContentEncoding_awsJson1_1", GZIP,
                "SDKAppendsGzipAndIgnoresHttpProvidedEncoding_awsJson1_1", GZIP));
    }
}
