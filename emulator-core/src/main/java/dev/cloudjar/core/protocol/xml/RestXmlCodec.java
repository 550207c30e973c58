package dev.cloudjar.core.protocol.xml;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cloudjar.core.error.AwsException;
import dev.cloudjar.core.http.Headers;
import dev.cloudjar.core.http.Request;
import dev.cloudjar.core.http.RequestBody;
import dev.cloudjar.core.http.Response;
import dev.cloudjar.core.http.ResponseBody;
import dev.cloudjar.core.model.Member;
import dev.cloudjar.core.model.OperationModel;
import dev.cloudjar.core.model.Protocol;
import dev.cloudjar.core.model.ServiceModel;
import dev.cloudjar.core.model.Shape;
import dev.cloudjar.core.model.ShapeType;
import dev.cloudjar.core.model.Traits;
import dev.cloudjar.core.protocol.HttpBinding;
import dev.cloudjar.core.protocol.HttpBindings;
import dev.cloudjar.core.protocol.OperationRoute;
import dev.cloudjar.core.protocol.ProtocolCodec;
import dev.cloudjar.core.protocol.RequestBodies;
import dev.cloudjar.core.protocol.Validator;
import dev.cloudjar.core.spi.Input;
import dev.cloudjar.core.spi.Output;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The restXml protocol (S3, CloudFront, Route 53): operations chosen by method and URI pattern,
 * members bound to labels, query parameters, headers, the status code or an XML (or raw) body.
 * S3's dialect applies when the model says so: virtual-hosted buckets, {@code <Error>} bodies
 * without the {@code <ErrorResponse>} wrapper, GetBucketLocation's bare
 * {@code <LocationConstraint>}, timestamps always with milliseconds, x-amz-request-id/x-amz-id-2.
 */
public final class RestXmlCodec implements ProtocolCodec {
    private static final String XML = "application/xml";

    private final XmlParser parser = new XmlParser();
    private final Validator validator;
    private final RestXmlRoutes routes = new RestXmlRoutes();
    /** S3 answers a header or query value of the wrong type with InvalidArgument. */
    private final HttpBindings s3Bindings = new HttpBindings(message -> AwsException.client("InvalidArgument", message));
    private final HttpBindings bindings = new HttpBindings(message -> AwsException.client("SerializationException", message));
    private final XmlShapeWriter s3Writer = new XmlShapeWriter(new XmlValues(true));
    private final XmlShapeWriter writer = new XmlShapeWriter(new XmlValues(false));

    /** @param validator checks inputs of restXml services other than S3, which reports its own errors */
    public RestXmlCodec(Validator validator) {
        this.validator = validator;
    }

    @Override
    public Protocol protocol() {
        return Protocol.REST_XML;
    }

    @Override
    public OperationRoute route(ServiceModel model, Request request) {
        return routes.route(model, request, isS3(model));
    }

    @Override
    public Input parse(ServiceModel model, OperationRoute route, Request request) {
        boolean s3 = isS3(model);
        OperationModel operation = route.operation();
        Shape input = operation.input();
        Map<String, Object> members = (s3 ? s3Bindings : bindings).readRequest(input, request, route.labels());
        Request decoded = compressed(operation, request);
        try {
            Member payload = HttpBindings.payloadMember(input);
            if (payload != null) {
                Object value = payload(payload, decoded);
                if (value != null) {
                    members.put(payload.name(), value);
                }
            } else if (!HttpBindings.bodyMembers(input).isEmpty()) {
                XmlElement body = document(decoded);
                if (body != null) {
                    members.putAll(XmlShapeReader.readContent(body, input, RestXmlCodec::isBodyMember));
                }
            }
        } catch (IllegalArgumentException e) {
            throw malformedXml();
        }
        // S3 reports its own errors (InvalidBucketName, InvalidArgument, ...), never Coral's validation list.
        if (!s3) {
            validator.validate(model, input, members);
        }
        return new Input(members);
    }

    @Override
    public Response write(ServiceModel model, OperationModel operation, Output output, String requestId) {
        Shape shape = operation.output();
        Map<String, Object> values = output.members();
        Headers headers = new Headers();
        bindings.writeHeaders(shape, values, headers);
        int status = HttpBindings.responseCode(shape, values, operation.httpCode());
        Member payload = HttpBindings.payloadMember(shape);
        ResponseBody body;
        if (payload != null) {
            Object value = values.get(payload.name());
            body = value == null ? ResponseBody.EMPTY : payload(model, payload, value, headers);
        } else {
            body = document(model, operation, values, headers);
        }
        requestIdHeaders(model, requestId, headers);
        return new Response(status, headers, body);
    }

    @Override
    public Response writeError(ServiceModel model, OperationModel operation, AwsException error, String requestId) {
        boolean s3 = isS3(model);
        ModeledError modeled = ModeledError.of(model, operation, error);
        Headers headers = new Headers();
        if (modeled.shape() != null) {
            bindings.writeHeaders(modeled.shape(), error.members(), headers);
        }
        error.headers().forEach(headers::set);
        XmlShapeWriter shapes = s3 ? s3Writer : writer;
        XmlWriter out = XmlWriter.withDeclaration();
        if (s3) {
            out.start("Error").element("Code", modeled.code());
            message(out, error);
            XmlErrors.writeMembers(shapes, out, modeled, error.members(), RestXmlCodec::isBodyMember);
            out.element("RequestId", requestId).element("HostId", hostId(requestId)).end();
        } else {
            out.start("ErrorResponse").start("Error");
            out.element("Type", modeled.type()).element("Code", modeled.code());
            message(out, error);
            XmlErrors.writeMembers(shapes, out, modeled, error.members(), RestXmlCodec::isBodyMember);
            out.end().element("RequestId", requestId).end();
        }
        headers.set("Content-Type", XML);
        requestIdHeaders(model, requestId, headers);
        return new Response(modeled.status(), headers, ResponseBody.of(out.toBytes()));
    }

    /**
     * The request with its body decompressed where the operation allows SDKs to gzip it. S3's
     * Content-Encoding is object metadata instead, and its operations carry no such trait.
     */
    private static Request compressed(OperationModel operation, Request request) {
        if (!operation.traits().has("requestCompression") || request.header("Content-Encoding") == null) {
            return request;
        }
        String uri = request.rawQuery().isEmpty() ? request.rawPath() : request.rawPath() + "?" + request.rawQuery();
        return new Request(request.method(), uri, request.headers(), RequestBody.of(RequestBodies.bytes(request, "InvalidRequest")));
    }

    /** S3 (and any service whose restXml trait says noErrorWrapping) speaks S3's dialect. */
    static boolean isS3(ServiceModel model) {
        Traits traits = model.service().traits();
        JsonNode restXml = traits.get(Protocol.REST_XML.traitId());
        return "S3".equals(traits.string("aws.api#service", "sdkId"))
                || (restXml != null && restXml.path("noErrorWrapping").asBoolean(false));
    }

    private static boolean isBodyMember(Member member) {
        return HttpBinding.of(member) == HttpBinding.BODY;
    }

    private static void message(XmlWriter out, AwsException error) {
        if (error.getMessage() != null) {
            out.element("Message", error.getMessage());
        }
    }

    /** The request's XML document, or null when the body is empty. */
    private XmlElement document(Request request) {
        byte[] bytes = request.body() == null ? new byte[0] : request.body().bytes();
        if (RequestBodies.isBlank(bytes)) {
            return null;
        }
        try {
            return parser.parse(bytes);
        } catch (XmlParser.MalformedXmlException e) {
            throw malformedXml();
        }
    }

    private static AwsException malformedXml() {
        return AwsException.client("MalformedXML",
                "The XML you provided was not well-formed or did not validate against our published schema");
    }

    /** A payload member's value: a streaming blob as the request body itself, else bytes, text or XML. */
    private Object payload(Member member, Request request) {
        Shape target = member.target();
        RequestBody body = request.body() == null ? RequestBody.EMPTY : request.body();
        if (target.type() == ShapeType.BLOB && target.traits().has("streaming")) {
            return body;
        }
        if (target.type() == ShapeType.BLOB) {
            byte[] bytes = body.bytes();
            return bytes.length == 0 ? null : bytes;
        }
        if (target.type() == ShapeType.STRING || target.type() == ShapeType.ENUM) {
            byte[] bytes = body.bytes();
            return bytes.length == 0 ? null : new String(bytes, StandardCharsets.UTF_8);
        }
        XmlElement document = document(request);
        return document == null ? null : XmlShapeReader.readValue(document, member);
    }

    private ResponseBody payload(ServiceModel model, Member member, Object value, Headers headers) {
        Shape target = member.target();
        String mediaType = target.traits().string("mediaType");
        if (mediaType != null && !headers.contains("Content-Type")) {
            headers.set("Content-Type", mediaType);
        }
        if (value instanceof ResponseBody body) {
            headers.set("Content-Length", Long.toString(body.length()));
            return body;
        }
        if (value instanceof byte[] bytes) {
            headers.set("Content-Length", Integer.toString(bytes.length));
            return ResponseBody.of(bytes);
        }
        if (target.type() != ShapeType.STRUCTURE && target.type() != ShapeType.UNION) {
            if (!headers.contains("Content-Type")) {
                headers.set("Content-Type", "text/plain");
            }
            return ResponseBody.of(value.toString());
        }
        XmlWriter out = XmlWriter.withDeclaration();
        out.start(member.traits().has("xmlName") ? XmlShapeWriter.elementName(member) : rootName(target));
        JsonNode namespace = member.traits().get("xmlNamespace");
        XmlShapeWriter.declareNamespace(out, namespace != null ? namespace : namespace(model, target));
        writer(model).writeContent(out, target, asMap(value), m -> true);
        out.end();
        if (!headers.contains("Content-Type")) {
            headers.set("Content-Type", XML);
        }
        return ResponseBody.of(out.toBytes());
    }

    /**
     * The output's body members as a document; no body at all when none has a value, except that
     * S3 answers an output that has body members with its empty root element
     * ({@code <VersioningConfiguration/>} for a bucket never versioned, a quiet DeleteObjects'
     * {@code <DeleteResult/>}).
     */
    private ResponseBody document(ServiceModel model, OperationModel operation, Map<String, Object> values,
                                  Headers headers) {
        Shape shape = operation.output();
        List<Member> bodyMembers = HttpBindings.responseBodyMembers(shape);
        boolean noValues = bodyMembers.stream().allMatch(m -> values.get(m.name()) == null);
        if (noValues && (bodyMembers.isEmpty() || !isS3(model)
                || operation.traits().has("aws.customizations#s3UnwrappedXmlOutput"))) {
            // An empty body still says it is XML, except S3's, which says nothing (PutObject).
            if (!isS3(model)) {
                headers.set("Content-Type", XML);
            }
            return ResponseBody.EMPTY;
        }
        XmlWriter out = XmlWriter.withDeclaration();
        if (operation.traits().has("aws.customizations#s3UnwrappedXmlOutput")) {
            // GetBucketLocation: the one member is the document, <LocationConstraint>, with no wrapper.
            Member member = bodyMembers.get(0);
            out.start(XmlShapeWriter.elementName(member));
            XmlShapeWriter.declareNamespace(out, namespace(model, shape));
            out.text(writer(model).values().format(member, values.get(member.name())));
        } else {
            out.start(rootName(shape));
            XmlShapeWriter.declareNamespace(out, namespace(model, shape));
            writer(model).writeContent(out, shape, values, bodyMembers::contains);
        }
        out.end();
        headers.set("Content-Type", XML);
        return ResponseBody.of(out.toBytes());
    }

    private XmlShapeWriter writer(ServiceModel model) {
        return isS3(model) ? s3Writer : writer;
    }

    /** A document's root element: the structure's xmlName, else its shape name. */
    private static String rootName(Shape shape) {
        String xmlName = shape.traits().string("xmlName");
        return xmlName == null ? shape.name() : xmlName;
    }

    /** The structure's own xmlNamespace, else the service's. */
    private static JsonNode namespace(ServiceModel model, Shape shape) {
        JsonNode own = shape.traits().get("xmlNamespace");
        return own != null ? own : model.service().traits().get("xmlNamespace");
    }

    private static void requestIdHeaders(ServiceModel model, String requestId, Headers headers) {
        if (isS3(model)) {
            headers.set("x-amz-request-id", requestId);
            headers.set("x-amz-id-2", hostId(requestId));
        } else {
            headers.set("x-amzn-RequestId", requestId);
        }
    }

    /** S3's extended request id; derived from the request id so both name the same request. */
    /** S3's x-amz-id-2 (and HostId) for a request id: also what S3's event messages carry. */
    public static String hostId(String requestId) {
        return Base64.getEncoder().encodeToString(requestId.getBytes(StandardCharsets.UTF_8));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, ?> asMap(Object value) {
        return (Map<String, ?>) value;
    }
}
