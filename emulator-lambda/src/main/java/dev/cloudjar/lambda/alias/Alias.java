package dev.cloudjar.lambda.alias;

import dev.cloudjar.core.spi.Scope;
import dev.cloudjar.lambda.function.FunctionConfiguration;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** An alias: a name pointing at a version (with optional weighted routing to a second one). */
public record Alias(String functionName, String name, String functionVersion, String description,
                    Map<String, Double> additionalVersionWeights, String revisionId) {

    public String arn(Scope scope) {
        return FunctionConfiguration.arn(scope, functionName) + ":" + name;
    }

    /**
     * The version an invocation through the alias runs, for a uniform draw in [0, 1): each
     * additional version takes its weight's share of the draws, the alias's version the rest.
     */
    public String routedVersion(double draw) {
        double cumulative = 0;
        if (additionalVersionWeights != null) {
            for (Map.Entry<String, Double> weighted : new TreeMap<>(additionalVersionWeights).entrySet()) {
                cumulative += weighted.getValue();
                if (draw < cumulative) {
                    return weighted.getKey();
                }
            }
        }
        return functionVersion;
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
