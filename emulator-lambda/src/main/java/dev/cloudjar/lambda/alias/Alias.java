package dev.cloudjar.lambda.alias;

import dev.cloudjar.core.spi.Scope;
import dev.cloudjar.lambda.function.FunctionConfiguration;

import java.util.LinkedHashMap;
import java.util.Map;

/** An alias: a name pointing at a version (with optional weighted routing to a second one). */
public record Alias(String functionName, String name, String functionVersion, String description,
                    Map<String, Double> additionalVersionWeights, String revisionId) {

    public String arn(Scope scope) {
        return FunctionConfiguration.arn(scope, functionName) + ":" + name;
    }

    /** The AliasConfiguration shape. */
    public Map<String, Object> describe(Scope scope) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("AliasArn", arn(scope));
        m.put("Name", name);
        m.put("FunctionVersion", functionVersion);
        m.put("Description", description == null ? "" : description);
        if (additionalVersionWeights != null && !additionalVersionWeights.isEmpty()) {
            m.put("RoutingConfig", Map.of("AdditionalVersionWeights", additionalVersionWeights));
        }
        m.put("RevisionId", revisionId);
        return m;
    }
}
