package dev.cloudjar.core.protocol.xml;

import dev.cloudjar.core.error.AwsException;
import dev.cloudjar.core.protocol.OperationRoute;
import dev.cloudjar.core.http.Request;
import dev.cloudjar.core.http.Response;
import dev.cloudjar.core.http.ResponseBody;
import dev.cloudjar.core.model.OperationModel;
import dev.cloudjar.core.model.Protocol;
import dev.cloudjar.core.model.ServiceModel;
import dev.cloudjar.core.protocol.Codecs;
import dev.cloudjar.core.protocol.ProtocolCodec;
import dev.cloudjar.core.protocol.conformance.ConformanceSuite;
import dev.cloudjar.core.spi.Input;
import dev.cloudjar.core.spi.Output;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The official Smithy AWS protocol tests (server side) for awsQuery and restXml. The cases were
 * written for clients: their error bodies carry the request id "foo-id", and their awsQuery bodies
 * leave out the {@code <ResponseMetadata>} that AWS's query services always add. A thin adapter
 * over each codec accounts for exactly those two things; everything else is compared as it is.
 */
class XmlProtocolConformanceTest {
    private static final String CASE_REQUEST_ID = "foo-id";

    private final Codecs codecs = Codecs.standard();

    @TestFactory
    Stream<DynamicTest> awsQuery() {
        return ConformanceSuite.dynamicTests(Protocol.AWS_QUERY, new ClientCaseAdapter(codecs.forProtocol(Protocol.AWS_QUERY)), Map.of(
                "QueryNoInputAndNoOutputWithResponseMetadata",
                "expects <ResponseMetadata> with the client's request id abc-123 where other cases omit it",
                "QueryInvalidGreetingError", NAMESPACED_ERRORS,
                "QueryComplexError", NAMESPACED_ERRORS,
                "QueryCustomizedError", NAMESPACED_ERRORS,
                "QueryEmptyQueryMaps",
                "an empty map sends no parameters at all, so a server cannot tell it from an absent map",
                "SDKAppliedContentEncoding_awsQuery", NO_BODY,
                "SDKAppendsGzipAndIgnoresHttpProvidedEncoding_awsQuery", NO_BODY));
    }

    @TestFactory
    Stream<DynamicTest> restXml() {
        return ConformanceSuite.dynamicTests(Protocol.REST_XML, new ClientCaseAdapter(codecs.forProtocol(Protocol.REST_XML)), Map.ofEntries(
                Map.entry("S3OperationNoErrorWrappingResponse",
                        "S3's <Error> has no <Type> and always ends with <RequestId> and <HostId>; the case is a client parsing test"),
                Map.entry("RestXmlDateTimeWithNegativeOffset", CLIENT_PARSING),
                Map.entry("RestXmlDateTimeWithPositiveOffset", CLIENT_PARSING),
                Map.entry("SimpleScalarPropertiesWithXMLPreamble", CLIENT_PARSING),
                Map.entry("InvalidGreetingError",
                        "the body has an <AnotherSetting> element the error shape does not declare (a client must ignore it)"),
                Map.entry("ComplexError", "the body has a <Message> that the case's params do not set"),
                Map.entry("SDKAppliedContentEncoding_restXml", NO_BODY),
                Map.entry("SDKAppendedGzipAfterProvidedEncoding_restXml", NO_BODY),
                Map.entry("AllQueryStringTypes", QUERY_PARAMS_MAP),
                Map.entry("RestXmlQueryStringEscaping", QUERY_PARAMS_MAP),
                Map.entry("RestXmlSupportsNaNFloatQueryValues", QUERY_PARAMS_MAP),
                Map.entry("RestXmlSupportsInfinityFloatQueryValues", QUERY_PARAMS_MAP),
                Map.entry("RestXmlSupportsNegativeInfinityFloatQueryValues", QUERY_PARAMS_MAP),
                Map.entry("RestXmlZeroAndFalseQueryValues", QUERY_PARAMS_MAP),
                Map.entry("RestXmlHttpPayloadWithUnsetUnion (response)", ConformanceSuite.CONTENT_LENGTH),
                Map.entry("XmlNamespaceSimpleScalarProperties (response)", "the case's body has <DoubleDribble> "
                        + "before <Nested>, against the model's member order that the XML writer follows")));
    }

    private static final String NAMESPACED_ERRORS =
            "AWS's query services put the service namespace on <ErrorResponse> (STS, IAM, SQS do); the case's body has none";
    private static final String NO_BODY =
            "the case gives only headers, not the client's gzipped body, so a server has nothing to read";
    private static final String QUERY_PARAMS_MAP = "written for clients: the input's httpQueryParams map is left "
            + "out of the params, where a server puts every query parameter in it (the server-only case "
            + "RestXmlServersPutAllQueryParamsInMap, and the restJson1 copies of these cases since smithy-lang/smithy#857); "
            + "passing both is impossible";
    private static final String CLIENT_PARSING =
            "a client parsing case (offsets, comments, CDATA) that no server writes";

    /** The codec, answering with the cases' request id and without AWS's ResponseMetadata element. */
    private record ClientCaseAdapter(ProtocolCodec codec) implements ProtocolCodec {
        @Override
        public Protocol protocol() {
            return codec.protocol();
        }

        @Override
        public OperationRoute route(ServiceModel model, Request request) {
            return codec.route(model, request);
        }

        @Override
        public Input parse(ServiceModel model, OperationRoute route, Request request) {
            return codec.parse(model, route, request);
        }

        @Override
        public Response write(ServiceModel model, OperationModel operation, Output output, String requestId) {
            Response response = codec.write(model, operation, output, requestId);
            if (!(response.body() instanceof ResponseBody.Bytes bytes)) {
                return response;
            }
            String body = new String(bytes.bytes(), StandardCharsets.UTF_8)
                    .replace("<ResponseMetadata><RequestId>" + requestId + "</RequestId></ResponseMetadata>", "");
            return new Response(response.status(), response.headers(), ResponseBody.of(body));
        }

        @Override
        public Response writeError(ServiceModel model, OperationModel operation, AwsException error, String requestId) {
            return codec.writeError(model, operation, error, CASE_REQUEST_ID);
        }
    }
}
