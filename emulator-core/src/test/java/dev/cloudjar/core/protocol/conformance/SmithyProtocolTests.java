package dev.cloudjar.core.protocol.conformance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cloudjar.core.model.OperationModel;
import dev.cloudjar.core.model.Protocol;
import dev.cloudjar.core.model.ServiceModel;
import software.amazon.smithy.model.Model;
import software.amazon.smithy.model.knowledge.TopDownIndex;
import software.amazon.smithy.model.node.Node;
import software.amazon.smithy.model.shapes.ModelSerializer;
import software.amazon.smithy.model.shapes.OperationShape;
import software.amazon.smithy.model.shapes.ServiceShape;
import software.amazon.smithy.model.shapes.ShapeId;
import software.amazon.smithy.model.transform.ModelTransformer;
import software.amazon.smithy.protocoltests.traits.AppliesTo;
import software.amazon.smithy.protocoltests.traits.HttpMalformedRequestTestsTrait;
import software.amazon.smithy.protocoltests.traits.HttpRequestTestsTrait;
import software.amazon.smithy.protocoltests.traits.HttpResponseTestsTrait;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The official Smithy AWS protocol tests (smithy-aws-protocol-tests), read from the test classpath
 * and turned into server-direction cases over Cloudjar {@link ServiceModel}s: each protocol-test
 * service is serialized to the JSON AST and loaded the way a real service model is.
 */
public final class SmithyProtocolTests {
    private final Model model;
    private final JsonNode ast;

    private SmithyProtocolTests() {
        Model assembled = Model.assembler().discoverModels(getClass().getClassLoader()).assemble().unwrap();
        this.model = ModelTransformer.create().flattenAndRemoveMixins(assembled);
        try {
            this.ast = new ObjectMapper().readTree(Node.printJson(ModelSerializer.builder().build().serialize(model)));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The suite is large and immutable, so one copy serves every test class. */
    public static SmithyProtocolTests load() {
        return Holder.INSTANCE;
    }

    private static final class Holder {
        static final SmithyProtocolTests INSTANCE = new SmithyProtocolTests();
    }

    /** Every server-side case of the protocol, in model order, each id once. */
    public List<ConformanceCase> cases(Protocol protocol) {
        ShapeId protocolId = ShapeId.from(protocol.traitId());
        Map<String, ConformanceCase> cases = new LinkedHashMap<>();
        for (ServiceShape service : model.getServiceShapes()) {
            if (service.findTrait(protocolId).isPresent()) {
                collect(service, protocolId, cases);
            }
        }
        return new ArrayList<>(cases.values());
    }

    private void collect(ServiceShape service, ShapeId protocolId, Map<String, ConformanceCase> cases) {
        ServiceModel serviceModel = ServiceModel.fromAst(ast, service.getId().toString());
        for (OperationShape op : TopDownIndex.of(model).getContainedOperations(service)) {
            OperationModel operation = serviceModel.operation(op.getId().getName());
            op.getTrait(HttpRequestTestsTrait.class).ifPresent(t -> t.getTestCases().stream()
                    .filter(c -> c.getProtocol().equals(protocolId) && serverSide(c.getAppliesTo().orElse(null)))
                    .forEach(c -> cases.putIfAbsent(c.getId(),
                            new ConformanceCase.RequestCase(serviceModel, operation, c))));
            op.getTrait(HttpResponseTestsTrait.class).ifPresent(t -> t.getTestCases().stream()
                    .filter(c -> c.getProtocol().equals(protocolId) && serverSide(c.getAppliesTo().orElse(null)))
                    .forEach(c -> cases.putIfAbsent(c.getId(),
                            new ConformanceCase.ResponseCase(serviceModel, operation, c))));
            op.getTrait(HttpMalformedRequestTestsTrait.class).ifPresent(t -> t.getTestCases().stream()
                    .filter(c -> c.getProtocol().equals(protocolId))
                    .forEach(c -> cases.putIfAbsent(c.getId(),
                            new ConformanceCase.MalformedCase(serviceModel, operation, c))));
            for (ShapeId errorId : op.getErrors(service)) {
                model.expectShape(errorId).getTrait(HttpResponseTestsTrait.class).ifPresent(t -> t.getTestCases()
                        .stream()
                        .filter(c -> c.getProtocol().equals(protocolId) && serverSide(c.getAppliesTo().orElse(null)))
                        .forEach(c -> cases.putIfAbsent(c.getId(), new ConformanceCase.ErrorCase(serviceModel,
                                operation, serviceModel.shape(errorId.toString()), c))));
            }
        }
    }

    private static boolean serverSide(AppliesTo appliesTo) {
        return appliesTo != AppliesTo.CLIENT;
    }
}
