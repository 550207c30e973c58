package dev.cloudjar.apigateway.store;

import dev.cloudjar.core.spi.RecordTable;
import dev.cloudjar.core.spi.Scope;
import dev.cloudjar.core.spi.storage.StateStore;
import dev.cloudjar.core.spi.storage.WriteBatch;

import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;

/**
 * API Gateway's records in the storage SPI, per scope: REST APIs by id, and under each API its
 * resources (with their methods and integrations), deployments and stages. Writes that read
 * first are made one at a time ({@link #writes()}).
 */
public final class ApiGatewayStore {
    private static final String ID_CHARACTERS = "abcdefghijklmnopqrstuvwxyz0123456789";

    /** An API and the scope it lives in, as a served request finds it by id alone. */
    public record Located(Scope scope, RestApiRecord api) {
    }

    private final StateStore state;
    private final RecordTable<RestApiRecord> apis;
    private final RecordTable<ResourceRecord> resources;
    private final RecordTable<DeploymentRecord> deployments;
    private final RecordTable<StageRecord> stages;
    private final SecureRandom random = new SecureRandom();
    private final Object writes = new Object();

    public ApiGatewayStore(StateStore state) {
        this.state = state;
        this.apis = new RecordTable<>(state, "apigateway", "restapis", RestApiRecord.class);
        this.resources = new RecordTable<>(state, "apigateway", "resources", ResourceRecord.class);
        this.deployments = new RecordTable<>(state, "apigateway", "deployments", DeploymentRecord.class);
        this.stages = new RecordTable<>(state, "apigateway", "stages", StageRecord.class);
    }

    /** The lock under which a read-modify-write of API Gateway's records runs. */
    public Object writes() {
        return writes;
    }

    /** An identifier as API Gateway makes them: ten lowercase letters and digits. */
    public String newId() {
        StringBuilder id = new StringBuilder(10);
        for (int i = 0; i < 10; i++) {
            id.append(ID_CHARACTERS.charAt(random.nextInt(ID_CHARACTERS.length())));
        }
        return id.toString();
    }

    public Optional<RestApiRecord> api(Scope scope, String apiId) {
        return apis.get(scope, apiId);
    }

    /** The API with this id in whichever scope holds it (ids are unique across scopes, as on AWS). */
    public Optional<Located> locate(String apiId) {
        for (Scope scope : apis.scopes()) {
            Optional<RestApiRecord> api = apis.get(scope, apiId);
            if (api.isPresent()) {
                return Optional.of(new Located(scope, api.get()));
            }
        }
        return Optional.empty();
    }

    public List<RestApiRecord> apis(Scope scope) {
        return apis.list(scope, "");
    }

    /** A new API with its root resource, in one write. */
    public void createApi(Scope scope, RestApiRecord api, ResourceRecord root) {
        WriteBatch batch = new WriteBatch();
        apis.put(batch, scope, api.id(), api);
        resources.put(batch, scope, RecordTable.key(api.id(), root.id()), root);
        state.apply(batch);
    }

    /** Deletes an API with everything under it, in one write. */
    public void deleteApi(Scope scope, String apiId) {
        WriteBatch batch = new WriteBatch();
        String children = RecordTable.key(apiId, "");
        resources.deleteAll(batch, scope, children);
        deployments.deleteAll(batch, scope, children);
        stages.deleteAll(batch, scope, children);
        apis.delete(batch, scope, apiId);
        state.apply(batch);
    }

    public List<ResourceRecord> resources(Scope scope, String apiId) {
        return resources.list(scope, RecordTable.key(apiId, ""));
    }

    public Optional<ResourceRecord> resource(Scope scope, String apiId, String resourceId) {
        return resources.get(scope, RecordTable.key(apiId, resourceId));
    }

    public void putResource(Scope scope, String apiId, ResourceRecord resource) {
        resources.put(scope, RecordTable.key(apiId, resource.id()), resource);
    }

    /** Deletes resources (a resource and its descendants) in one write. */
    public void deleteResources(Scope scope, String apiId, List<ResourceRecord> gone) {
        WriteBatch batch = new WriteBatch();
        for (ResourceRecord resource : gone) {
            resources.delete(batch, scope, RecordTable.key(apiId, resource.id()));
        }
        state.apply(batch);
    }

    public Optional<DeploymentRecord> deployment(Scope scope, String apiId, String deploymentId) {
        return deployments.get(scope, RecordTable.key(apiId, deploymentId));
    }

    public List<DeploymentRecord> deployments(Scope scope, String apiId) {
        return deployments.list(scope, RecordTable.key(apiId, ""));
    }

    /** A deployment, and the stage CreateDeployment names (null for none), in one write. */
    public void putDeployment(Scope scope, String apiId, DeploymentRecord deployment, StageRecord stage) {
        WriteBatch batch = new WriteBatch();
        deployments.put(batch, scope, RecordTable.key(apiId, deployment.id()), deployment);
        if (stage != null) {
            stages.put(batch, scope, RecordTable.key(apiId, stage.stageName()), stage);
        }
        state.apply(batch);
    }

    public Optional<StageRecord> stage(Scope scope, String apiId, String stageName) {
        return stages.get(scope, RecordTable.key(apiId, stageName));
    }

    public List<StageRecord> stages(Scope scope, String apiId) {
        return stages.list(scope, RecordTable.key(apiId, ""));
    }

    public void putStage(Scope scope, String apiId, StageRecord stage) {
        stages.put(scope, RecordTable.key(apiId, stage.stageName()), stage);
    }

    public boolean deleteStage(Scope scope, String apiId, String stageName) {
        return stages.delete(scope, RecordTable.key(apiId, stageName));
    }
}
