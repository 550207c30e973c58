package dev.cloudjar.apigateway.store;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A resource of a REST API with its methods (each with its integration and responses) inside it,
 * as a deployment takes them: a deployment is a copy of the API's resources.
 */
public record ResourceRecord(String id, String parentId, String pathPart, String path,
                             Map<String, MethodRecord> methods) {
    public ResourceRecord {
        methods = methods == null ? new LinkedHashMap<>() : new LinkedHashMap<>(methods);
    }

    public ResourceRecord withMethod(String httpMethod, MethodRecord method) {
        Map<String, MethodRecord> changed = new LinkedHashMap<>(methods);
        if (method == null) {
            changed.remove(httpMethod);
        } else {
            changed.put(httpMethod, method);
        }
        return new ResourceRecord(id, parentId, pathPart, path, changed);
    }
}
