package dev.cloudjar.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Cuts an official AWS Smithy JSON AST model down to what Cloudjar reads at run time: the shapes
 * reachable from one service, with only the traits the loader, codecs and validator use.
 * Documentation, examples, endpoint rules and tests, smoke tests, waiters and paginators are
 * most of a published model's bytes and none of its wire format.
 *
 * <p>Run at build time: {@code ModelSlimmer <model.json> <slim.json> <service shape id>}.
 */
public final class ModelSlimmer {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The traits a slim model keeps, besides every aws.protocols# trait. */
    private static final Set<String> KEPT_TRAITS = Set.of(
            // bindings and names on the wire
            "smithy.api#http", "smithy.api#httpHeader", "smithy.api#httpPrefixHeaders", "smithy.api#httpQuery",
            "smithy.api#httpQueryParams", "smithy.api#httpLabel", "smithy.api#httpPayload",
            "smithy.api#httpResponseCode", "smithy.api#jsonName", "smithy.api#xmlName", "smithy.api#xmlFlattened",
            "smithy.api#xmlAttribute", "smithy.api#xmlNamespace", "smithy.api#timestampFormat",
            "smithy.api#mediaType", "smithy.api#streaming", "smithy.api#requiresLength", "smithy.api#hostLabel",
            "smithy.api#eventPayload", "smithy.api#eventHeader", "smithy.api#sparse",
            "smithy.api#requestCompression", "smithy.api#httpChecksumRequired",
            // what makes input valid
            "smithy.api#required", "smithy.api#default", "smithy.api#clientOptional", "smithy.api#length",
            "smithy.api#range", "smithy.api#pattern", "smithy.api#enum", "smithy.api#enumValue",
            "smithy.api#uniqueItems", "smithy.api#idempotencyToken",
            // errors, operation shapes, authentication
            "smithy.api#error", "smithy.api#httpError", "smithy.api#input", "smithy.api#output",
            "smithy.api#unitType", "smithy.api#auth", "smithy.api#optionalAuth",
            "aws.auth#sigv4", "aws.auth#sigv4a", "aws.auth#unsignedPayload",
            // the service's identity (sdkId tells S3 apart) and S3's customisations
            "aws.api#service", "aws.customizations#s3UnwrappedXmlOutput");
    private static final String KEPT_TRAIT_PREFIX = "aws.protocols#";

    /** Shape properties that refer to other shapes, followed to find what the service reaches. */
    private static final List<String> SINGLE_REFERENCES = List.of("input", "output", "member", "key", "value",
            "create", "put", "read", "update", "delete", "list");
    private static final List<String> REFERENCE_LISTS = List.of("operations", "collectionOperations",
            "resources", "errors");

    private ModelSlimmer() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: ModelSlimmer <model.json> <slim.json> <service shape id>");
        }
        JsonNode model = JSON.readTree(Path.of(args[0]).toFile());
        Path out = Path.of(args[1]);
        if (out.getParent() != null) {
            Files.createDirectories(out.getParent());
        }
        JSON.writeValue(out.toFile(), slim(model, args[2]));
    }

    /** The slim model of {@code serviceId}: its reachable shapes, in the source's order, with the kept traits. */
    public static ObjectNode slim(JsonNode model, String serviceId) {
        JsonNode shapes = model.path("shapes");
        if (!shapes.has(serviceId) || !"service".equals(shapes.path(serviceId).path("type").asText())) {
            throw new IllegalArgumentException("the model has no service " + serviceId);
        }
        Set<String> reachable = reachable(shapes, serviceId);
        ObjectNode slim = JSON.createObjectNode();
        slim.put("smithy", model.path("smithy").asText("2.0"));
        ObjectNode slimShapes = slim.putObject("shapes");
        for (Map.Entry<String, JsonNode> shape : shapes.properties()) {
            if (reachable.contains(shape.getKey())) {
                slimShapes.set(shape.getKey(), slimShape(shape.getValue()));
            }
        }
        return slim;
    }

    private static Set<String> reachable(JsonNode shapes, String serviceId) {
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> pending = new ArrayDeque<>(List.of(serviceId));
        while (!pending.isEmpty()) {
            String id = pending.pop();
            JsonNode shape = shapes.get(id);
            // Prelude shapes (smithy.api#String, ...) are not in the model; the loader knows them.
            if (shape == null || !seen.add(id)) {
                continue;
            }
            references(shape).forEach(pending::push);
        }
        return seen;
    }

    private static List<String> references(JsonNode shape) {
        List<String> targets = new ArrayList<>();
        for (String property : SINGLE_REFERENCES) {
            JsonNode ref = shape.get(property);
            if (ref != null) {
                targets.add(ref.path("target").asText());
            }
        }
        for (String property : REFERENCE_LISTS) {
            shape.path(property).forEach(ref -> targets.add(ref.path("target").asText()));
        }
        shape.path("members").forEach(member -> targets.add(member.path("target").asText()));
        return targets;
    }

    private static ObjectNode slimShape(JsonNode shape) {
        ObjectNode slim = JSON.createObjectNode();
        for (Map.Entry<String, JsonNode> property : shape.properties()) {
            String name = property.getKey();
            JsonNode value = property.getValue();
            switch (name) {
                case "traits" -> putTraits(slim, value);
                case "members" -> {
                    ObjectNode members = slim.putObject("members");
                    value.properties().forEach(m -> members.set(m.getKey(), slimMember(m.getValue())));
                }
                case "member", "key", "value" -> slim.set(name, slimMember(value));
                default -> slim.set(name, value);
            }
        }
        return slim;
    }

    private static ObjectNode slimMember(JsonNode member) {
        ObjectNode slim = JSON.createObjectNode();
        slim.set("target", member.path("target"));
        putTraits(slim, member.path("traits"));
        return slim;
    }

    private static void putTraits(ObjectNode into, JsonNode traits) {
        ObjectNode kept = JSON.createObjectNode();
        traits.properties().forEach(t -> {
            if (KEPT_TRAITS.contains(t.getKey()) || t.getKey().startsWith(KEPT_TRAIT_PREFIX)) {
                kept.set(t.getKey(), t.getValue());
            }
        });
        if (!kept.isEmpty()) {
            into.set("traits", kept);
        }
    }
}
