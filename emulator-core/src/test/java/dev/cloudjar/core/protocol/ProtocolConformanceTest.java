package dev.cloudjar.core.protocol;

import dev.cloudjar.core.model.Protocol;
import dev.cloudjar.core.protocol.conformance.ConformanceSuite;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.Map;
import java.util.stream.Stream;

/**
 * The official Smithy protocol tests (server side) against the JSON and CBOR codecs of
 * {@link Codecs#standard()}; XmlProtocolConformanceTest runs the XML ones.
 */
class ProtocolConformanceTest {
    private static final String GZIP = "client request compression: the case's body is the uncompressed text under "
            + "Content-Encoding gzip (gzip bodies are covered by AwsJsonCodecTest)";
    private static final String REQUEST_ID = "expects the request id the client was given; the gateway assigns "
            + "request ids and passes them to write()";

    private static final String MEDIA_TYPES = "Smithy servers reject a Content-Type or Accept that does not fit the "
            + "body; AWS's restJson services are lenient (SDK generations differ in what they send), and so is Cloudjar";
    private static final String EMPTY_QUERY_LIST = "an empty list leaves no trace in the query string, so a server "
            + "reads it as absent; the case is a client serialization check";

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
                "AwsJson11IntEnums (response)", "the response case lists X-Amz-Target among its headers, copied "
                        + "from its request case; no server sends that request header back",
                "SDKAppliedContentEncoding_awsJson1_1", GZIP,
                "SDKAppendsGzipAndIgnoresHttpProvidedEncoding_awsJson1_1", GZIP));
    }

    @TestFactory
    Stream<DynamicTest> restJson1() {
        return ConformanceSuite.dynamicTests(Protocol.REST_JSON_1, codecs.forProtocol(Protocol.REST_JSON_1), Map.ofEntries(
                Map.entry("RestJsonStringPayloadNoContentType", MEDIA_TYPES),
                Map.entry("RestJsonStringPayloadWrongContentType", MEDIA_TYPES),
                Map.entry("RestJsonStringPayloadUnsatisfiableAccept", MEDIA_TYPES),
                Map.entry("RestJsonWithBodyExpectsApplicationJsonAccept", MEDIA_TYPES),
                Map.entry("RestJsonWithPayloadExpectsImpliedAccept", MEDIA_TYPES),
                Map.entry("RestJsonWithPayloadExpectsModeledAccept", MEDIA_TYPES),
                Map.entry("RestJsonWithBodyExpectsApplicationJsonContentType", MEDIA_TYPES),
                Map.entry("RestJsonWithBodyExpectsApplicationJsonContentTypeNoHeaders", MEDIA_TYPES),
                Map.entry("RestJsonWithoutBodyExpectsEmptyContentType", MEDIA_TYPES),
                Map.entry("RestJsonWithoutBodyEmptyInputExpectsEmptyContentType", MEDIA_TYPES),
                Map.entry("RestJsonWithPayloadExpectsModeledContentType", MEDIA_TYPES),
                Map.entry("RestJsonWithPayloadExpectsImpliedContentType", MEDIA_TYPES),
                Map.entry("RestJsonOmitsEmptyListQueryValues", EMPTY_QUERY_LIST),
                Map.entry("RestJsonHttpPayloadWithUnsetUnion (response)", ConformanceSuite.CONTENT_LENGTH),
                Map.entry("SDKAppliedContentEncoding_restJson1", GZIP),
                Map.entry("SDKAppendedGzipAfterProvidedEncoding_restJson1", GZIP)));
    }

    @TestFactory
    Stream<DynamicTest> rpcv2Cbor() {
        return ConformanceSuite.dynamicTests(Protocol.RPC_V2_CBOR, codecs.forProtocol(Protocol.RPC_V2_CBOR), Map.of());
    }
}
