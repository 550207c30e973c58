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
 * The official Smithy protocol tests (smithy-aws-protocol-tests for AWS's protocols,
 * smithy-protocol-tests for rpcv2Cbor), read from the test classpath and turned into
 * server-direction cases over Cloudjar {@link ServiceModel}s: each protocol-test service is
 * serialized to the JSON AST and loaded the way a real service model is.
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

    /**
     * Every server-side case of the protocol, in model order (requests and malformed requests
     * first), each id once: a case shared by several services runs once.
     */
    public List<ConformanceCase> cases(Protocol protocol) {
        ShapeId protocolId = ShapeId.from(protocol.traitId());
        Map<ServiceShape, ServiceModel> services = new LinkedHashMap<>();
        for (ServiceShape service : model.getServiceShapes()) {
            if (service.findTrait(protocolId).isPresent()) {
                services.put(service, ServiceModel.fromAst(ast, service.getId().toString()));
            }
        }
        Map<String, ConformanceCase> cases = new LinkedHashMap<>();
        services.forEach((service, serviceModel) -> collectRequests(service, serviceModel, protocolId, cases));
        services.forEach((service, serviceModel) -> collectResponses(service, serviceModel, protocolId, cases));
        return new ArrayList<>(cases.values());
    }

    private void collectRequests(ServiceShape service, ServiceModel serviceModel, ShapeId protocolId,
                                 Map<String, ConformanceCase> cases) {
        for (OperationShape op : TopDownIndex.of(model).getContainedOperations(service)) {
            OperationModel operation = serviceModel.operation(op.getId().getName());
            op.getTrait(HttpRequestTestsTrait.class).ifPresent(t -> t.getTestCases().stream()
                    .filter(c -> c.getProtocol().equals(protocolId) && serverSide(c.getAppliesTo().orElse(null)))
                    .forEach(c -> cases.putIfAbsent(c.getId(),
                            new ConformanceCase.RequestCase(c.getId(), serviceModel, operation, c))));
            op.getTrait(HttpMalformedRequestTestsTrait.class).ifPresent(t -> t.getTestCases().stream()
                    .filter(c -> c.getProtocol().equals(protocolId))
                    .forEach(c -> cases.putIfAbsent(c.getId(),
                            new ConformanceCase.MalformedCase(c.getId(), serviceModel, operation, c))));
        }
    }

    /** Response and error cases, after every request case, so that one named like a request case is told apart. */
    private void collectResponses(ServiceShape service, ServiceModel serviceModel, ShapeId protocolId,
                                  Map<String, ConformanceCase> cases) {
        for (OperationShape op : TopDownIndex.of(model).getContainedOperations(service)) {
            OperationModel operation = serviceModel.operation(op.getId().getName());
            op.getTrait(HttpResponseTestsTrait.class).ifPresent(t -> t.getTestCases().stream()
                    .filter(c -> c.getProtocol().equals(protocolId) && serverSide(c.getAppliesTo().orElse(null)))
                    .forEach(c -> {
                        String id = responseId(c.getId(), cases);
                        cases.putIfAbsent(id, new ConformanceCase.ResponseCase(id, serviceModel, operation, c));
                    }));
            for (ShapeId errorId : op.getErrors(service)) {
                model.expectShape(errorId).getTrait(HttpResponseTestsTrait.class).ifPresent(t -> t.getTestCases()
                        .stream()
                        .filter(c -> c.getProtocol().equals(protocolId) && serverSide(c.getAppliesTo().orElse(null)))
                        .forEach(c -> {
                            String id = responseId(c.getId(), cases);
                            cases.putIfAbsent(id, new ConformanceCase.ErrorCase(id, serviceModel, operation,
                                    serviceModel.shape(errorId.toString()), c));
                        }));
            }
        }
    }

    private static String responseId(String caseId, Map<String, ConformanceCase> cases) {
        ConformanceCase same = cases.get(caseId);
        boolean namesARequest = same instanceof ConformanceCase.RequestCase || same instanceof ConformanceCase.MalformedCase;
        return namesARequest ? caseId + " (response)" : caseId;
    }

    private static boolean serverSide(AppliesTo appliesTo) {
        return appliesTo != AppliesTo.CLIENT;
    }
}
