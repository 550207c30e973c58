package dev.cloudjar.lambda.function;

import dev.cloudjar.core.spi.Arn;
import dev.cloudjar.core.spi.Scope;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One version of a function ($LATEST or a published number) as stored: its settings and the blob
 * holding its code package.
 */
public record FunctionConfiguration(String functionName, String version, String runtime, String role, String handler,
                                    String description, int timeout, int memorySize, Map<String, String> environment,
                                    String deadLetterTargetArn, List<FunctionLayer> layers, List<String> architectures,
                                    String codeSha256, long codeSize, String codeBlob, String lastModified,
                                    String revisionId) {
    public static final String LATEST = "$LATEST";

    public static String arn(Scope scope, String functionName) {
        return Arn.of("lambda", scope, "function:" + functionName).toString();
    }

    /** The unqualified ARN, as Lambda reports it for $LATEST. */
    public String functionArn(Scope scope) {
        return arn(scope, functionName);
    }

    /** The ARN with the version, as Lambda reports it for published versions. */
    public String qualifiedArn(Scope scope) {
        return arn(scope, functionName) + ":" + version;
    }

    public FunctionConfiguration withVersion(String newVersion, String newRevisionId, String newLastModified) {
        return new FunctionConfiguration(functionName, newVersion, runtime, role, handler, description, timeout, memorySize,
                environment, deadLetterTargetArn, layers, architectures, codeSha256, codeSize, codeBlob,
                newLastModified, newRevisionId);
    }

    /** The FunctionConfiguration shape Lambda answers with. */
    public Map<String, Object> describe(Scope scope, String state, String lastUpdateStatus) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("FunctionName", functionName);
        m.put("FunctionArn", LATEST.equals(version) ? functionArn(scope) : qualifiedArn(scope));
        m.put("Runtime", runtime);
        m.put("Role", role);
        m.put("Handler", handler);
        m.put("CodeSize", codeSize);
        m.put("Description", description == null ? "" : description);
        m.put("Timeout", timeout);
        m.put("MemorySize", memorySize);
        m.put("LastModified", lastModified);
        m.put("CodeSha256", codeSha256);
        m.put("Version", version);
        if (!environment.isEmpty()) {
            m.put("Environment", Map.of("Variables", environment));
        }
        if (deadLetterTargetArn != null) {
            m.put("DeadLetterConfig", Map.of("TargetArn", deadLetterTargetArn));
        }
        m.put("TracingConfig", Map.of("Mode", "PassThrough"));
        m.put("RevisionId", revisionId);
        if (!layers.isEmpty()) {
            m.put("Layers", layers.stream().map(FunctionLayer::describe).toList());
        }
        m.put("State", state);
        m.put("LastUpdateStatus", lastUpdateStatus);
        m.put("PackageType", "Zip");
        m.put("Architectures", architectures);
        m.put("EphemeralStorage", Map.of("Size", 512));
        m.put("LoggingConfig", Map.of("LogFormat", "Text", "LogGroup", "/aws/lambda/" + functionName));
        return m;
    }
}
