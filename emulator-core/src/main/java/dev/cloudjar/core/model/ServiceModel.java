package dev.cloudjar.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A service description read from a (slim) Smithy JSON AST model: the service shape, its
 * operations and every shape they reach. Immutable once loaded.
 */
public final class ServiceModel {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String UNIT = "smithy.api#Unit";

    private final Shape service;
    private final Protocol protocol;
    private final Map<String, Shape> shapes;
    private final Map<String, OperationModel> operations;
    private final List<Shape> errors;
    private final String version;
    private final ErrorConventions conventions;

    private ServiceModel(Shape service, String version, Protocol protocol, Map<String, Shape> shapes,
                         Map<String, OperationModel> operations, List<Shape> errors, ErrorConventions conventions) {
        this.service = service;
        this.version = version;
        this.protocol = protocol;
        this.shapes = shapes;
        this.operations = Collections.unmodifiableMap(operations);
        this.errors = List.copyOf(errors);
        this.conventions = conventions;
    }

    /** This model with the service's error conventions (from its descriptor). */
    public ServiceModel withConventions(ErrorConventions serviceConventions) {
        return new ServiceModel(service, version, protocol, shapes, operations, errors, serviceConventions);
    }

    /** How the service names its errors where it departs from its protocol's defaults. */
    public ErrorConventions conventions() {
        return conventions;
    }

    /** Loads the model's single service shape (or the one named, when a model holds several). */
    public static ServiceModel load(InputStream json) {
        return load(json, null);
    }

    public static ServiceModel load(InputStream json, String serviceId) {
        try {
            return fromAst(JSON.readTree(json), serviceId);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read service model", e);
        }
    }

    /** Loads a model from a classpath resource. */
    public static ServiceModel loadResource(ClassLoader loader, String resource) {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no service model at " + resource);
            }
            return load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ServiceModel fromAst(JsonNode ast, String serviceId) {
        JsonNode shapesNode = ast.path("shapes");
        Map<String, Shape> shapes = new HashMap<>(Prelude.shapes());
        List<Member> allMembers = new ArrayList<>();
        String serviceShapeId = serviceId;
        for (Iterator<Map.Entry<String, JsonNode>> it = shapesNode.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            Shape shape = readShape(e.getKey(), e.getValue(), allMembers);
            shapes.put(e.getKey(), shape);
            if (serviceId == null && shape.type() == ShapeType.SERVICE) {
                if (serviceShapeId != null) {
                    throw new IllegalArgumentException("model has several services; name one: "
                            + serviceShapeId + ", " + e.getKey());
                }
                serviceShapeId = e.getKey();
            }
        }
        if (serviceShapeId == null || !shapes.containsKey(serviceShapeId)) {
            throw new IllegalArgumentException("model has no service shape " + (serviceId == null ? "" : serviceId));
        }
        Shape service = shapes.get(serviceShapeId);
        Protocol protocol = null;
        for (Protocol p : Protocol.values()) {
            if (service.traits().has(p.traitId())) {
                protocol = p;
                break;
            }
        }
        // The version is a property of the service shape in the JSON AST, not a trait.
        String version = shapesNode.path(serviceShapeId).path("version").asText(null);
        ServiceModel model = new ServiceModel(service, version, protocol, Collections.unmodifiableMap(shapes),
                new LinkedHashMap<>(), new ArrayList<>(), ErrorConventions.DEFAULT);
        allMembers.forEach(m -> m.bind(model));

        JsonNode serviceNode = shapesNode.get(serviceShapeId);
        Set<String> operationIds = new LinkedHashSet<>();
        collectOperations(shapesNode, serviceNode, operationIds);
        Map<String, OperationModel> operations = new LinkedHashMap<>();
        for (String opId : operationIds) {
            JsonNode opNode = shapesNode.get(opId);
            Shape opShape = shapes.get(opId);
            Shape input = structureOrEmpty(shapes, opNode.path("input").path("target").asText(UNIT));
            Shape output = structureOrEmpty(shapes, opNode.path("output").path("target").asText(UNIT));
            List<Shape> opErrors = new ArrayList<>();
            for (JsonNode err : opNode.path("errors")) {
                opErrors.add(shapes.get(err.path("target").asText()));
            }
            operations.put(opShape.name(), new OperationModel(opShape.name(), opShape, input, output, opErrors));
        }
        List<Shape> serviceErrors = new ArrayList<>();
        for (JsonNode err : serviceNode.path("errors")) {
            serviceErrors.add(shapes.get(err.path("target").asText()));
        }
        return new ServiceModel(service, version, protocol, Collections.unmodifiableMap(shapes), operations, serviceErrors,
                ErrorConventions.DEFAULT);
    }

    private static Shape structureOrEmpty(Map<String, Shape> shapes, String id) {
        Shape shape = shapes.get(id);
        if (shape == null) {
            throw new IllegalArgumentException("operation refers to unknown shape " + id);
        }
        return shape;
    }

    private static void collectOperations(JsonNode shapes, JsonNode container, Set<String> out) {
        for (String field : List.of("operations", "collectionOperations")) {
            for (JsonNode ref : container.path(field)) {
                out.add(ref.path("target").asText());
            }
        }
        for (String lifecycle : List.of("create", "put", "read", "update", "delete", "list")) {
            JsonNode ref = container.get(lifecycle);
            if (ref != null) {
                out.add(ref.path("target").asText());
            }
        }
        for (JsonNode ref : container.path("resources")) {
            JsonNode resource = shapes.get(ref.path("target").asText());
            if (resource != null) {
                collectOperations(shapes, resource, out);
            }
        }
    }

    private static Shape readShape(String id, JsonNode node, List<Member> allMembers) {
        ShapeType type = ShapeType.fromSmithy(node.path("type").asText());
        Traits traits = readTraits(node.path("traits"));
        Map<String, Member> members = new LinkedHashMap<>();
        List<String> enumValues = new ArrayList<>();
        switch (type) {
            case LIST, SET -> members.put("member", member("member", node.path("member"), allMembers));
            case MAP -> {
                members.put("key", member("key", node.path("key"), allMembers));
                members.put("value", member("value", node.path("value"), allMembers));
            }
            default -> {
                for (Iterator<Map.Entry<String, JsonNode>> it = node.path("members").fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    Member m = member(e.getKey(), e.getValue(), allMembers);
                    members.put(e.getKey(), m);
                    if (type == ShapeType.ENUM || type == ShapeType.INT_ENUM) {
                        JsonNode value = m.traits().get("enumValue");
                        enumValues.add(value == null ? e.getKey() : value.asText());
                    }
                }
            }
        }
        JsonNode legacyEnum = traits.get("enum");
        if (legacyEnum != null) {
            legacyEnum.forEach(v -> enumValues.add(v.path("value").asText()));
        }
        return new Shape(id, type, members, traits, enumValues);
    }

    private static Member member(String name, JsonNode node, List<Member> allMembers) {
        Member m = new Member(name, node.path("target").asText(), readTraits(node.path("traits")));
        allMembers.add(m);
        return m;
    }

    private static Traits readTraits(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isEmpty()) {
            return Traits.NONE;
        }
        Map<String, JsonNode> traits = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> traits.put(e.getKey(), e.getValue()));
        return new Traits(traits);
    }

    public Shape service() {
        return service;
    }

    /** The service shape's name, e.g. "DynamoDB_20120810" (awsJson's X-Amz-Target prefix). */
    public String serviceName() {
        return service.name();
    }

    /** The protocol named by the service's protocol trait, or null. */
    public Protocol protocol() {
        return protocol;
    }

    /** The service shape's version, e.g. "2011-06-15" (awsQuery's Version parameter), or null. */
    public String version() {
        return version;
    }

    /** The SigV4 signing name from aws.auth#sigv4, or null. */
    public String signingName() {
        return service.traits().string("aws.auth#sigv4", "name");
    }

    public Shape shape(String id) {
        Shape shape = shapes.get(id);
        if (shape == null) {
            throw new IllegalArgumentException("unknown shape " + id);
        }
        return shape;
    }

    public Map<String, Shape> shapes() {
        return shapes;
    }

    /** Operations by name, in model order. */
    public Map<String, OperationModel> operations() {
        return operations;
    }

    public OperationModel operation(String name) {
        return operations.get(name);
    }

    /** Errors the service shape declares for every operation. */
    public List<Shape> errors() {
        return errors;
    }
}
