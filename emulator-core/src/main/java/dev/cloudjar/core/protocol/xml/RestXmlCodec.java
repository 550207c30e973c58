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
import dev.cloudjar.core.protocol.ProtocolCodec;
import dev.cloudjar.core.protocol.Validator;
import dev.cloudjar.core.spi.Input;
import dev.cloudjar.core.spi.Output;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The restXml protocol (S3, CloudFront, Route 53): operations chosen by method and URI pattern,
 * members bound to labels, query parameters, headers, the status code or an XML (or raw) body.
 * S3's customisations are applied when the model says so: virtual-hosted buckets, unwrapped
 * {@code <Error>} bodies, GetBucketLocation's bare {@code <LocationConstraint>}.
 */
public final class RestXmlCodec implements ProtocolCodec {
    private static final String XML = "application/xml";
    private static final Set<String> BINDINGS = Set.of("smithy.api#httpLabel", "smithy.api#httpHeader",
            "smithy.api#httpPrefixHeaders", "smithy.api#httpQuery", "smithy.api#httpQueryParams",
            "smithy.api#httpPayload", "smithy.api#httpResponseCode");

    private final XmlParser parser = new XmlParser();
    private final Validator validator = new Validator();
    private final RestXmlRoutes routes = new RestXmlRoutes();

    @Override
    public Protocol protocol() {
        return Protocol.REST_XML;
    }

    @Override
    public OperationModel operation(ServiceModel model, Request request) {
        return routes.route(model, request, isS3(model)).operation();
    }

    @Override
    public Input parse(ServiceModel model, OperationModel operation, Request request) {
        boolean s3 = isS3(model);
        Map<String, String> labels = routes.labels(model, operation, request, s3);
        Shape input = operation.input();
        Map<String, Object> members = new LinkedHashMap<>();
        XmlElement body = null;
        boolean bodyRead = false;
        for (Member member : input.members().values()) {
            Object value;
            try {
                if (isBodyMember(member)) {
                    if (!bodyRead) {
                        body = document(request, s3);
                        bodyRead = true;
                    }
                    value = body == null ? null : XmlShapeReader.readContent(body, input, m -> m == member).get(member.name());
                } else {
                    value = bound(member, request, labels, s3);
                }
            } catch (IllegalArgumentException e) {
                throw AwsException.client(s3 ? "InvalidArgument" : "SerializationException", e.getMessage());
            }
            if (value != null) {
                members.put(member.name(), value);
            }
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
        int status = operation.httpCode();
        for (Member member : shape.members().values()) {
            Object value = values.get(member.name());
            if (value == null) {
                continue;
            }
            if (member.traits().has("httpResponseCode")) {
                status = ((Number) value).intValue();
            } else {
                writeHeaders(member, value, headers);
            }
        }
        ResponseBody body = payload(model, operation, shape, values, headers);
        requestIdHeaders(model, requestId, headers);
        return new Response(status, headers, body);
    }

    @Override
    public Response writeError(ServiceModel model, OperationModel operation, AwsException error, String requestId) {
        ModeledError modeled = ModeledError.of(model, operation, error);
        Headers headers = new Headers();
        if (modeled.shape() != null) {
            for (Member member : modeled.shape().members().values()) {
                Object value = error.members().get(member.name());
                if (value != null) {
                    writeHeaders(member, value, headers);
                }
            }
        }
        error.headers().forEach(headers::set);
        XmlWriter out = XmlWriter.withDeclaration();
        Predicate<Member> inBody = RestXmlCodec::isBodyMember;
        if (isS3(model)) {
            out.start("Error").element("Code", modeled.code());
            message(out, error);
            XmlErrors.writeMembers(out, modeled, error.members(), inBody);
            out.element("RequestId", requestId).element("HostId", hostId(requestId)).end();
        } else {
            out.start("ErrorResponse").start("Error");
            out.element("Type", modeled.type()).element("Code", modeled.code());
            message(out, error);
            XmlErrors.writeMembers(out, modeled, error.members(), inBody);
            out.end().element("RequestId", requestId).end();
        }
        headers.set("Content-Type", XML);
        requestIdHeaders(model, requestId, headers);
        return new Response(modeled.status(), headers, ResponseBody.of(out.toBytes()));
    }

    private static void message(XmlWriter out, AwsException error) {
        if (error.getMessage() != null) {
            out.element("Message", error.getMessage());
        }
    }

    /** S3 (and services that say noErrorWrapping) speak S3's dialect of restXml. */
    static boolean isS3(ServiceModel model) {
        Traits traits = model.service().traits();
        JsonNode restXml = traits.get(Protocol.REST_XML.traitId());
        return "S3".equals(traits.string("aws.api#service", "sdkId"))
                || (restXml != null && restXml.path("noErrorWrapping").asBoolean(false));
    }

    static boolean isBodyMember(Member member) {
        return member.traits().all().keySet().stream().noneMatch(BINDINGS::contains);
    }

    private XmlElement document(Request request, boolean s3) {
        byte[] bytes = request.body() == null ? new byte[0] : request.body().bytes();
        if (isBlank(bytes)) {
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

    private static boolean isBlank(byte[] bytes) {
        for (byte b : bytes) {
            if (!Character.isWhitespace(b)) {
                return false;
            }
        }
        return true;
    }

    /** The value of a member bound to a label, header, query parameter or the payload. */
    private Object bound(Member member, Request request, Map<String, String> labels, boolean s3) {
        Traits traits = member.traits();
        if (traits.has("httpLabel")) {
            String text = labels.get(member.name());
            return text == null ? null : scalar(member, text, TimestampFormat.DATE_TIME);
        }
        if (traits.has("httpHeader")) {
            return header(member, request.headers().all(traits.string("httpHeader")));
        }
        if (traits.has("httpPrefixHeaders")) {
            return prefixHeaders(traits.string("httpPrefixHeaders"), request.headers());
        }
        if (traits.has("httpQuery")) {
            return query(member, request.queryParameters().get(traits.string("httpQuery")));
        }
        if (traits.has("httpQueryParams")) {
            return queryParams(member, request.queryParameters());
        }
        if (traits.has("httpPayload")) {
            return payload(member, request, s3);
        }
        return null;
    }

    private static Object header(Member member, List<String> values) {
        if (values.isEmpty()) {
            return null;
        }
        Shape target = member.target();
        if (target.type() == ShapeType.LIST || target.type() == ShapeType.SET) {
            Member item = target.listMember();
            boolean httpDates = item.target().type() == ShapeType.TIMESTAMP
                    && TimestampFormat.of(XmlShapeWriter.traits(item), TimestampFormat.HTTP_DATE) == TimestampFormat.HTTP_DATE;
            List<Object> list = new ArrayList<>();
            for (String value : values) {
                for (String text : HeaderValues.split(value, httpDates)) {
                    list.add(scalar(item, text, TimestampFormat.HTTP_DATE));
                }
            }
            return list;
        }
        String text = String.join(", ", values);
        if (target.type() == ShapeType.STRING && XmlShapeWriter.traits(member).has("mediaType")) {
            // A string with a media type travels base64-encoded in a header (Smithy's rule for JSON values).
            return new String(Base64.getDecoder().decode(text.trim()), StandardCharsets.UTF_8);
        }
        return scalar(member, text, TimestampFormat.HTTP_DATE);
    }

    private static Map<String, Object> prefixHeaders(String prefix, Headers headers) {
        Map<String, Object> values = new LinkedHashMap<>();
        String lower = prefix.toLowerCase(Locale.ROOT);
        for (String name : headers.names()) {
            if (name.toLowerCase(Locale.ROOT).startsWith(lower)) {
                values.put(name.substring(prefix.length()), String.join(", ", headers.all(name)));
            }
        }
        return values.isEmpty() ? null : values;
    }

    private static Object query(Member member, List<String> values) {
        if (values == null) {
            return null;
        }
        Shape target = member.target();
        if (target.type() == ShapeType.LIST || target.type() == ShapeType.SET) {
            List<Object> list = new ArrayList<>();
            values.forEach(v -> list.add(scalar(target.listMember(), v, TimestampFormat.DATE_TIME)));
            return list;
        }
        return scalar(member, values.get(0), TimestampFormat.DATE_TIME);
    }

    /** httpQueryParams takes the parameters no httpQuery member claims. */
    private static Map<String, Object> queryParams(Member member, Map<String, List<String>> params) {
        Shape value = member.target().mapValue().target();
        boolean lists = value.type() == ShapeType.LIST || value.type() == ShapeType.SET;
        Map<String, Object> values = new LinkedHashMap<>();
        params.forEach((name, list) -> values.put(name, lists ? List.copyOf(list) : list.get(0)));
        return values.isEmpty() ? null : values;
    }

    private Object payload(Member member, Request request, boolean s3) {
        Shape target = member.target();
        RequestBody body = request.body();
        if (target.type() == ShapeType.BLOB) {
            if (target.traits().has("streaming")) {
                return body == null ? RequestBody.EMPTY : body;
            }
            byte[] bytes = body == null ? new byte[0] : body.bytes();
            return bytes.length == 0 ? null : bytes;
        }
        if (target.type() == ShapeType.STRING || target.type() == ShapeType.ENUM) {
            byte[] bytes = body == null ? new byte[0] : body.bytes();
            return bytes.length == 0 ? null : new String(bytes, StandardCharsets.UTF_8);
        }
        XmlElement document = document(request, s3);
        return document == null ? null : XmlShapeReader.readValue(document, member);
    }

    private static Object scalar(Member member, String text, TimestampFormat fallback) {
        try {
            return Scalars.parse(member.target(), XmlShapeWriter.traits(member), text, fallback);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid value for " + member.name() + ": " + text, e);
        }
    }

    private static void writeHeaders(Member member, Object value, Headers headers) {
        Traits traits = member.traits();
        if (traits.has("httpHeader")) {
            String name = traits.string("httpHeader");
            if (value instanceof List<?> list) {
                Member item = member.target().listMember();
                List<String> items = new ArrayList<>();
                list.forEach(v -> items.add(Scalars.format(XmlShapeWriter.traits(item), v, TimestampFormat.HTTP_DATE)));
                headers.set(name, HeaderValues.join(items));
            } else if (member.target().type() == ShapeType.STRING && XmlShapeWriter.traits(member).has("mediaType")) {
                headers.set(name, Base64.getEncoder().encodeToString(value.toString().getBytes(StandardCharsets.UTF_8)));
            } else {
                headers.set(name, Scalars.format(XmlShapeWriter.traits(member), value, TimestampFormat.HTTP_DATE));
            }
        } else if (traits.has("httpPrefixHeaders")) {
            String prefix = traits.string("httpPrefixHeaders");
            ((Map<?, ?>) value).forEach((k, v) -> headers.set(prefix + k, v.toString()));
        }
    }

    private static ResponseBody payload(ServiceModel model, OperationModel operation, Shape shape,
                                        Map<String, Object> values, Headers headers) {
        for (Member member : shape.members().values()) {
            if (member.traits().has("httpPayload")) {
                Object value = values.get(member.name());
                return value == null ? ResponseBody.EMPTY : payloadBody(model, member, value, headers);
            }
        }
        boolean anyBodyValue = shape.members().values().stream()
                .anyMatch(m -> isBodyMember(m) && values.get(m.name()) != null);
        if (!anyBodyValue) {
            return ResponseBody.EMPTY;
        }
        XmlWriter out = XmlWriter.withDeclaration();
        if (operation.traits().has("aws.customizations#s3UnwrappedXmlOutput")) {
            // GetBucketLocation: the one member is the document, <LocationConstraint>, with no wrapper.
            Member member = shape.members().values().stream().filter(RestXmlCodec::isBodyMember).findFirst().orElseThrow();
            out.start(XmlShapeWriter.elementName(member));
            XmlShapeWriter.declareNamespace(out, namespace(model, shape));
            out.text(Scalars.format(XmlShapeWriter.traits(member), values.get(member.name()), TimestampFormat.DATE_TIME));
            out.end();
        } else {
            out.start(rootName(shape));
            XmlShapeWriter.declareNamespace(out, namespace(model, shape));
            XmlShapeWriter.writeContent(out, shape, values, RestXmlCodec::isBodyMember);
            out.end();
        }
        headers.set("Content-Type", XML);
        return ResponseBody.of(out.toBytes());
    }

    private static ResponseBody payloadBody(ServiceModel model, Member member, Object value, Headers headers) {
        Shape target = member.target();
        if (value instanceof ResponseBody body) {
            headers.set("Content-Length", Long.toString(body.length()));
            return body;
        }
        if (value instanceof byte[] bytes) {
            headers.set("Content-Length", Integer.toString(bytes.length));
            return ResponseBody.of(bytes);
        }
        if (target.type() == ShapeType.STRUCTURE || target.type() == ShapeType.UNION) {
            XmlWriter out = XmlWriter.withDeclaration();
            out.start(member.traits().has("xmlName") ? XmlShapeWriter.elementName(member) : rootName(target));
            JsonNode namespace = member.traits().get("xmlNamespace");
            XmlShapeWriter.declareNamespace(out, namespace != null ? namespace : namespace(model, target));
            XmlShapeWriter.writeContent(out, target, asMap(value), m -> true);
            out.end();
            if (!headers.contains("Content-Type")) {
                headers.set("Content-Type", XML);
            }
            return ResponseBody.of(out.toBytes());
        }
        return ResponseBody.of(value.toString());
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
    private static String hostId(String requestId) {
        return Base64.getEncoder().encodeToString(requestId.getBytes(StandardCharsets.UTF_8));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, ?> asMap(Object value) {
        return (Map<String, ?>) value;
    }
}
