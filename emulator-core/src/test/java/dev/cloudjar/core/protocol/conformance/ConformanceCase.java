package dev.cloudjar.core.protocol.conformance;

import dev.cloudjar.core.model.OperationModel;
import dev.cloudjar.core.model.ServiceModel;
import dev.cloudjar.core.model.Shape;
import software.amazon.smithy.protocoltests.traits.HttpMalformedRequestTestCase;
import software.amazon.smithy.protocoltests.traits.HttpRequestTestCase;
import software.amazon.smithy.protocoltests.traits.HttpResponseTestCase;

/** One server-side case of the Smithy AWS protocol tests, bound to the Cloudjar model it runs against. */
public sealed interface ConformanceCase {
    String id();

    ServiceModel model();

    OperationModel operation();

    /** smithy.test#httpRequestTests: a request the server must parse into the case's params. */
    record RequestCase(ServiceModel model, OperationModel operation, HttpRequestTestCase test)
            implements ConformanceCase {
        public String id() {
            return test.getId();
        }
    }

    /** smithy.test#httpResponseTests on an operation: params the server must write as the case's response. */
    record ResponseCase(ServiceModel model, OperationModel operation, HttpResponseTestCase test)
            implements ConformanceCase {
        public String id() {
            return test.getId();
        }
    }

    /** smithy.test#httpResponseTests on an error shape; {@code operation} is one that declares it, or null. */
    record ErrorCase(ServiceModel model, OperationModel operation, Shape error, HttpResponseTestCase test)
            implements ConformanceCase {
        public String id() {
            return test.getId();
        }
    }

    /** smithy.test#httpMalformedRequestTests: a request the server must reject with the case's response. */
    record MalformedCase(ServiceModel model, OperationModel operation, HttpMalformedRequestTestCase test)
            implements ConformanceCase {
        public String id() {
            return test.getId();
        }
    }
}
