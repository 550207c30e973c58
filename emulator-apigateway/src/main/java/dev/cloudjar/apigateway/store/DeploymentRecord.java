package dev.cloudjar.apigateway.store;

import java.util.List;

/** A deployment: the API's resources, methods and integrations as they were when it was created. */
public record DeploymentRecord(String id, String description, long createdDate, List<ResourceRecord> resources) {
    public DeploymentRecord {
        resources = List.copyOf(resources);
    }
}
