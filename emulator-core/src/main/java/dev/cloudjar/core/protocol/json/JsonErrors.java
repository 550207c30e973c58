package dev.cloudjar.core.protocol.json;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cloudjar.core.error.AwsException;
import dev.cloudjar.core.model.Member;
import dev.cloudjar.core.model.OperationModel;
import dev.cloudjar.core.model.ServiceModel;
import dev.cloudjar.core.model.Shape;
import dev.cloudjar.core.model.ShapeType;

import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;

/** What the JSON protocols share about errors: finding the modeled error shape and writing its body. */
final class JsonErrors {
    private JsonErrors() {
    }

    /** The error shape named by the code: the operation's errors first, then the service's, then any. */
    static Shape shape(ServiceModel model, OperationModel operation, String code) {
        Stream<Shape> declared = Stream.concat(
                operation == null ? Stream.empty() : operation.errors().stream(), model.errors().stream());
        return Stream.concat(declared, model.shapes().values().stream()
                        .filter(s -> s.type() == ShapeType.STRUCTURE && s.traits().has("error")))
                .filter(s -> s != null && s.name().equals(code))
                .findFirst().orElse(null);
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
     * @param bodyMembers the shape's members that travel in the body (all, for awsJson)
     */
    static ObjectNode body(JsonValueWriter writer, ObjectMapper mapper, Shape shape, Collection<Member> bodyMembers,
                           AwsException error) {
        ObjectNode body = writer.structure(bodyMembers, error.members());
        if (shape == null) {
            error.members().forEach((name, value) -> body.set(name, mapper.valueToTree(value)));
        }
        String messageName = messageName(shape);
        if (error.getMessage() != null && !body.has(messageName)) {
            body.put(messageName, error.getMessage());
        }
        return body;
    }

    static Collection<Member> members(Shape shape) {
        return shape == null ? List.of() : shape.members().values();
    }
}
