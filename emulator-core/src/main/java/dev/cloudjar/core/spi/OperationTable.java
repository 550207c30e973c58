package dev.cloudjar.core.spi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The explicit table of a service's implemented operations, by their AWS names:
 * {@code table.on("DeleteBucket", this::deleteBucket)}. No reflection on method names. Every
 * entry also declares what IAM evaluates for it (the action, and the resource where the entry
 * names one) and whether AWS echoes the request's X-Amzn-Trace-Id on its answer.
 */
public final class OperationTable {
    private final String signingName;
    private final Map<String, Entry> entries = new LinkedHashMap<>();

    /**
     * One implemented operation.
     *
     * @param iamAction         the IAM action a policy names, {@code <signing name>:<OperationName>}
     *                          unless declared otherwise (S3's ListObjectsV2 is {@code s3:ListBucket})
     * @param resource          the resource's ARN, or null while the operation declares none
     * @param echoesTraceHeader whether AWS answers with X-Amzn-Trace-Id (Lambda's Invoke does)
     */
    public record Entry(String operation, OperationHandler handler, String iamAction, ResourceArn resource,
                        boolean echoesTraceHeader) {
    }

    /** What an entry declares beyond its handler; every part is optional. */
    public record Declaration(String iamAction, ResourceArn resource, boolean echoesTraceHeader) {
        public static Declaration none() {
            return new Declaration(null, null, false);
        }

        public Declaration withIamAction(String action) {
            return new Declaration(action, resource, echoesTraceHeader);
        }

        public Declaration withResource(ResourceArn arn) {
            return new Declaration(iamAction, arn, echoesTraceHeader);
        }

        public Declaration withTraceHeaderEcho() {
            return new Declaration(iamAction, resource, true);
        }
    }

    /** @param signingName the service's SigV4 name, which is also its IAM service prefix */
    public OperationTable(String signingName) {
        this.signingName = signingName;
    }

    public OperationTable on(String operation, OperationHandler handler) {
        return on(operation, handler, Declaration.none());
    }

    public OperationTable on(String operation, OperationHandler handler, Declaration declaration) {
        String action = declaration.iamAction() != null ? declaration.iamAction() : signingName + ":" + operation;
        Entry entry = new Entry(operation, handler, action, declaration.resource(), declaration.echoesTraceHeader());
        if (entries.putIfAbsent(operation, entry) != null) {
            throw new IllegalStateException("operation registered twice: " + operation);
        }
        return this;
    }

    /** The entry of an implemented operation, or null. */
    public Entry entry(String operation) {
        return entries.get(operation);
    }

    public Map<String, Entry> entries() {
        return Collections.unmodifiableMap(entries);
    }
}
