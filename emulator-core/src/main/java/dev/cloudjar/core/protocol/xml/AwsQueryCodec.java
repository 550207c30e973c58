package dev.cloudjar.core.protocol.xml;

import dev.cloudjar.core.error.AwsException;
import dev.cloudjar.core.http.Request;
import dev.cloudjar.core.http.Response;
import dev.cloudjar.core.model.OperationModel;
import dev.cloudjar.core.model.Protocol;
import dev.cloudjar.core.model.ServiceModel;
import dev.cloudjar.core.protocol.OperationRoute;
import dev.cloudjar.core.protocol.ProtocolCodec;
import dev.cloudjar.core.protocol.RequestBodies;
import dev.cloudjar.core.protocol.Validator;
import dev.cloudjar.core.spi.Input;
import dev.cloudjar.core.spi.Output;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The awsQuery protocol (STS, IAM, SNS, SQS before JSON): a form-encoded request naming its
 * operation in {@code Action}, answered with {@code <OperationResponse><OperationResult>} XML and
 * errors in an {@code <ErrorResponse>}.
 */
public final class AwsQueryCodec implements ProtocolCodec {
    private static final String CONTENT_TYPE = "text/xml";
    /** The validation error code of the Coral query services (STS, IAM). */
    private static final String VALIDATION_ERROR = "ValidationError";

    private final Validator validator;
    private final XmlShapeWriter writer = new XmlShapeWriter(new XmlValues(false));

    /** @param validator finds the constraint violations, reported as the query services' ValidationError */
    public AwsQueryCodec(Validator validator) {
        this.validator = validator;
    }

    @Override
    public Protocol protocol() {
        return Protocol.AWS_QUERY;
    }

    @Override
    public OperationRoute route(ServiceModel model, Request request) {
        Map<String, List<String>> params = parameters(request);
        String action = first(params, "Action");
        if (action == null || action.isEmpty()) {
            throw AwsException.client("MissingAction", "Missing Action");
        }
        OperationModel operation = model.operation(action);
        if (operation == null) {
            // The message of AWS's Coral query services (STS, IAM, SNS).
            throw AwsException.client("InvalidAction",
                    "Could not find operation " + action + " for version " + Objects.toString(first(params, "Version"), ""));
        }
        return OperationRoute.of(operation);
    }

    @Override
    public Input parse(ServiceModel model, OperationRoute route, Request request) {
        OperationModel operation = route.operation();
        Map<String, Object> members;
        try {
            members = new QueryDecoder(parameters(request)).readStructure("", operation.input());
        } catch (IllegalArgumentException e) {
            throw AwsException.client(VALIDATION_ERROR, e.getMessage());
        }
        List<String> violations = validator.violations(operation.input(), members);
        if (!violations.isEmpty()) {
            throw AwsException.client(VALIDATION_ERROR, Validator.message(violations));
        }
        return new Input(members);
    }

    @Override
    public Response write(ServiceModel model, OperationModel operation, Output output, String requestId) {
        XmlWriter out = new XmlWriter();
        out.start(operation.name() + "Response").attribute("xmlns", namespace(model));
        if (!operation.output().traits().has("unitType")) {
            out.start(operation.name() + "Result");
            writer.writeContent(out, operation.output(), output.members(), member -> true);
            out.end();
        }
        out.start("ResponseMetadata").element("RequestId", requestId).end();
        out.end();
        return response(200, out, requestId);
    }

    @Override
    public Response writeError(ServiceModel model, OperationModel operation, AwsException error, String requestId) {
        ModeledError modeled = ModeledError.of(model, operation, error);
        XmlWriter out = new XmlWriter();
        out.start("ErrorResponse").attribute("xmlns", namespace(model));
        out.start("Error");
        out.element("Type", modeled.type()).element("Code", modeled.code());
        if (error.getMessage() != null) {
            out.element("Message", error.getMessage());
        }
        XmlErrors.writeMembers(writer, out, modeled, error.members(), member -> true);
        out.end();
        out.element("RequestId", requestId);
        out.end();
        Response response = response(modeled.status(), out, requestId);
        error.headers().forEach(response.headers()::set);
        return response;
    }

    private static Response response(int status, XmlWriter body, String requestId) {
        Response response = Response.of(status, CONTENT_TYPE, body.toBytes());
        response.headers().set("x-amzn-RequestId", requestId);
        return response;
    }

    /** The xmlNamespace trait's URI, else the namespace AWS's query services use by convention. */
    private static String namespace(ServiceModel model) {
        String uri = model.service().traits().string("xmlNamespace", "uri");
        if (uri != null) {
            return uri;
        }
        String name = model.signingName() != null ? model.signingName() : model.serviceName().toLowerCase();
        return "https://" + name + ".amazonaws.com/doc/" + model.version() + "/";
    }

    /** The query string's parameters and, for a form post, the body's (the body wins on a clash). */
    private static Map<String, List<String>> parameters(Request request) {
        Map<String, List<String>> params = new LinkedHashMap<>(request.queryParameters());
        String contentType = request.header("Content-Type");
        boolean form = contentType == null
                || contentType.toLowerCase().startsWith("application/x-www-form-urlencoded");
        if (form) {
            byte[] body = RequestBodies.bytes(request, "InvalidRequest");
            if (body.length > 0) {
                params.putAll(Request.parseQuery(new String(body, StandardCharsets.UTF_8)));
            }
        }
        return params;
    }

    private static String first(Map<String, List<String>> params, String name) {
        List<String> values = params.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
