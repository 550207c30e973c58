package dev.cloudjar.lambda.function;

import java.util.Map;

/**
 * A layer version a function uses, with its package: a function keeps running with a layer
 * version that is deleted later, as on Lambda.
 */
public record FunctionLayer(String arn, long codeSize, String codeBlob, String codeSha256) {

    /** The Layer shape of a FunctionConfiguration. */
    public Map<String, Object> describe() {
        return Map.of("Arn", arn, "CodeSize", codeSize);
    }
}
