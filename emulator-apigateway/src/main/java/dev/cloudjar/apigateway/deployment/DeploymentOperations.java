package dev.cloudjar.apigateway.deployment;

import dev.cloudjar.apigateway.ApiGatewayErrors;
import dev.cloudjar.apigateway.Members;
import dev.cloudjar.apigateway.Views;
import dev.cloudjar.apigateway.restapi.RestApiOperations;
import dev.cloudjar.apigateway.store.ApiGatewayStore;
import dev.cloudjar.apigateway.store.DeploymentRecord;
import dev.cloudjar.apigateway.store.MethodRecord;
import dev.cloudjar.apigateway.store.ResourceRecord;
import dev.cloudjar.apigateway.store.StageRecord;
import dev.cloudjar.core.spi.Input;
import dev.cloudjar.core.spi.Output;
import dev.cloudjar.core.spi.RequestContext;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * CreateDeployment, GetDeployments, CreateStage, GetStage, GetStages, DeleteStage. A deployment
 * keeps a copy of the API's resources as they were, which is what its stages serve.
 */
public final class DeploymentOperations {
    private final ApiGatewayStore store;
    private final Clock clock;

    public DeploymentOperations(ApiGatewayStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public Output createDeployment(RequestContext context, Input input) {
        synchronized (store.writes()) {
            String apiId = RestApiOperations.api(store, context, input.string("restApiId")).id();
            List<ResourceRecord> resources = store.resources(context.scope(), apiId);
            boolean anyMethod = false;
            for (ResourceRecord resource : resources) {
                for (MethodRecord method : resource.methods().values()) {
                    anyMethod = true;
                    if (method.integration() == null) {
                        throw ApiGatewayErrors.badRequest("No integration defined for method");
                    }
                }
            }
            if (!anyMethod) {
                throw ApiGatewayErrors.badRequest("The REST API doesn't contain any methods");
            }
            String stageName = input.string("stageName");
            if (stageName != null) {
                requireStageName(stageName);
            }
            long now = clock.instant().getEpochSecond();
            DeploymentRecord deployment = new DeploymentRecord(store.newId(), input.string("description"), now, resources);
            StageRecord stage = null;
            if (stageName != null) {
                StageRecord current = store.stage(context.scope(), apiId, stageName).orElse(null);
                stage = current == null
                        ? new StageRecord(stageName, deployment.id(), input.string("stageDescription"),
                                Members.strings(input.map("variables")), Boolean.TRUE.equals(input.bool("cacheClusterEnabled")),
                                input.string("cacheClusterSize"), Boolean.TRUE.equals(input.bool("tracingEnabled")), null, now, now)
                        : new StageRecord(stageName, deployment.id(), current.description(),
                                input.has("variables") ? Members.strings(input.map("variables")) : current.variables(),
                                current.cacheClusterEnabled(), current.cacheClusterSize(), current.tracingEnabled(),
                                current.tags(), current.createdDate(), now);
            }
            store.putDeployment(context.scope(), apiId, deployment, stage);
            return Views.output(Views.deployment(deployment));
        }
    }

    public Output getDeployments(RequestContext context, Input input) {
        String apiId = RestApiOperations.api(store, context, input.string("restApiId")).id();
        return Views.page(input, store.deployments(context.scope(), apiId), DeploymentRecord::id, Views::deployment);
    }

    public Output createStage(RequestContext context, Input input) {
        String stageName = input.string("stageName");
        requireStageName(stageName);
        synchronized (store.writes()) {
            String apiId = RestApiOperations.api(store, context, input.string("restApiId")).id();
            if (store.deployment(context.scope(), apiId, input.string("deploymentId")).isEmpty()) {
                throw ApiGatewayErrors.deploymentNotFound();
            }
            if (store.stage(context.scope(), apiId, stageName).isPresent()) {
                throw ApiGatewayErrors.conflict("Stage already exists");
            }
            long now = clock.instant().getEpochSecond();
            StageRecord stage = new StageRecord(stageName, input.string("deploymentId"), input.string("description"),
                    Members.strings(input.map("variables")), Boolean.TRUE.equals(input.bool("cacheClusterEnabled")),
                    input.string("cacheClusterSize"), Boolean.TRUE.equals(input.bool("tracingEnabled")),
                    Members.strings(input.map("tags")), now, now);
            store.putStage(context.scope(), apiId, stage);
            return Views.output(Views.stage(stage));
        }
    }

    public Output getStage(RequestContext context, Input input) {
        String apiId = RestApiOperations.api(store, context, input.string("restApiId")).id();
        return Views.output(Views.stage(store.stage(context.scope(), apiId, input.string("stageName"))
                .orElseThrow(ApiGatewayErrors::stageNotFound)));
    }

    public Output getStages(RequestContext context, Input input) {
        String apiId = RestApiOperations.api(store, context, input.string("restApiId")).id();
        String deploymentId = input.string("deploymentId");
        List<Object> items = new ArrayList<>();
        for (StageRecord stage : store.stages(context.scope(), apiId)) {
            if (deploymentId == null || deploymentId.equals(stage.deploymentId())) {
                items.add(Views.stage(stage));
            }
        }
        return Output.of("item", items);
    }

    public Output deleteStage(RequestContext context, Input input) {
        synchronized (store.writes()) {
            String apiId = RestApiOperations.api(store, context, input.string("restApiId")).id();
            if (!store.deleteStage(context.scope(), apiId, input.string("stageName"))) {
                throw ApiGatewayErrors.stageNotFound();
            }
        }
        return Output.empty();
    }

    /** API Gateway's rule for stage names (CreateStage's reference: a-z, A-Z, 0-9, _ and -, up to 128). */
    private static void requireStageName(String stageName) {
        if (!stageName.matches("[a-zA-Z0-9_-]{1,128}")) {
            throw ApiGatewayErrors.badRequest("Stage name only allows a-zA-Z0-9_");
        }
    }
}
