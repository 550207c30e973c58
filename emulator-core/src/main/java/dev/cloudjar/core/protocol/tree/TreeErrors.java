package dev.cloudjar.core.protocol.tree;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cloudjar.core.error.AwsException;
import dev.cloudjar.core.model.Member;
import dev.cloudjar.core.model.OperationModel;
import dev.cloudjar.core.model.ServiceModel;
import dev.cloudjar.core.model.Shape;
import dev.cloudjar.core.model.ShapeType;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What the document protocols (awsJson, restJson1, rpcv2Cbor) share about errors: finding the
 * modeled error shape, naming errors no service models, and writing the error's body.
 */
public final class TreeErrors {
    /**
     * Namespaces the Coral framework puts in {@code __type} for errors no service models, e.g.
     * DynamoDB's {@code com.amazon.coral.validate#ValidationException}.
     */
    private static final Map<String, String> FRAMEWORK_NAMESPACES = Map.of(
            "ValidationException", "com.amazon.coral.validate#",
            TreeShapeReader.SERIALIZATION_EXCEPTION, "com.amazon.coral.service#",
            "UnknownOperationException", "com.amazon.coral.service#",
            "MissingAuthenticationTokenException", "com.amazon.coral.service#",
            "UnrecognizedClientException", "com.amazon.coral.service#",
            "InvalidSignatureException", "com.amazon.coral.service#",
            "IncompleteSignatureException", "com.amazon.coral.service#",
            "AccessDeniedException", "com.amazon.coral.service#",
            "InternalFailure", "com.amazon.coral.service#");

    private TreeErrors() {
    }

    /** The error shape named by the code: the operation's errors first, then the service's, then any. */
    public static Shape shape(ServiceModel model, OperationModel operation, String code) {
        Stream<Shape> declared = Stream.concat(
                operation == null ? Stream.empty() : operation.errors().stream(), model.errors().stream());
        return Stream.concat(declared, model.shapes().values().stream()
                        .filter(s -> s.type() == ShapeType.STRUCTURE && s.traits().has("error")))
                .filter(s -> s != null && s.name().equals(code))
                .findFirst().orElse(null);
    }

    /** The Coral namespace of a framework error no service models ("com.amazon.coral.service#"), or null. */
    public static String frameworkNamespace(String code) {
        return FRAMEWORK_NAMESPACES.get(code);
    }

    /** The member carrying the message: "message" or "Message" as the shape spells it. */
    static String messageName(Shape shape) {
        if (shape != null) {
            for (String name : shape.members().keySet()) {
                if (name.equalsIgnoreCase("message")) {
                    return name;
                }
            }
        }
        return "message";
    }

    /**
     * The error body: the message and the exception's extra members, typed by the shape when
     * the error is modeled.
     *
     * @param bodyMembers the shape's members that travel in the body (all, for the RPC protocols)
     */
    public static ObjectNode body(TreeShapeWriter writer, Shape shape, Collection<Member> bodyMembers,
                                  AwsException error) {
        ObjectNode body = writer.structure(bodyMembers, error.members());
        if (shape == null) {
            error.members().forEach((name, value) -> body.set(name, writer.mapper().valueToTree(value)));
        }
        String messageName = messageName(shape);
        if (error.getMessage() != null && !body.has(messageName)) {
            body.put(messageName, error.getMessage());
        }
        return body;
    }

    public static Collection<Member> members(Shape shape) {
        return shape == null ? List.of() : shape.members().values();
    }

    /**
     * The {@code x-amzn-query-error} header value ("code;Sender") by which services moved from
     * awsQuery (SQS, CloudWatch) still tell query-compatible clients their old code and fault.
     */
    public static String queryError(Shape shape, AwsException error) {
        String code = shape == null ? null : shape.traits().string("aws.protocols#awsQueryError", "code");
        String fault = error.fault() == AwsException.Fault.SERVER ? "Receiver" : "Sender";
        return (code != null ? code : error.code()) + ";" + fault;
    }
}
