package dev.cloudjar.core.protocol.conformance;

import dev.cloudjar.core.model.OperationModel;
import dev.cloudjar.core.model.ServiceModel;
import dev.cloudjar.core.model.Shape;
import software.amazon.smithy.protocoltests.traits.HttpMalformedRequestTestCase;
import software.amazon.smithy.protocoltests.traits.HttpRequestTestCase;
import software.amazon.smithy.protocoltests.traits.HttpResponseTestCase;

/**
 * One server-side case of the Smithy protocol tests, bound to the Cloudjar model it runs against.
 * Its id is the case's own, except that a response case named like a request case (Smithy pairs
 * them: "RpcV2CborLists" is both) is told apart as "RpcV2CborLists (response)".
 */
public sealed interface ConformanceCase {
    String id();

    ServiceModel model();

    OperationModel operation();

    /** smithy.test#httpRequestTests: a request the server must parse into the case's params. */
    record RequestCase(String id, ServiceModel model, OperationModel operation, HttpRequestTestCase test)
            implements ConformanceCase {
    }

    /** smithy.test#httpResponseTests on an operation: params the server must write as the case's response. */
    record ResponseCase(String id, ServiceModel model, OperationModel operation, HttpResponseTestCase test)
            implements ConformanceCase {
    }

    /** smithy.test#httpResponseTests on an error shape; {@code operation} is one that declares it, or null. */
    record ErrorCase(String id, ServiceModel model, OperationModel operation, Shape error, HttpResponseTestCase test)
            implements ConformanceCase {
    }

    /** smithy.test#httpMalformedRequestTests: a request the server must reject with the case's response. */
    record MalformedCase(String id, ServiceModel model, OperationModel operation, HttpMalformedRequestTestCase test)
            implements ConformanceCase {
    }
}
