package dev.cloudjar.lambda.mapping;

import dev.cloudjar.core.error.AwsException;
import dev.cloudjar.core.spi.RecordJson;
import dev.cloudjar.core.spi.Scope;
import dev.cloudjar.lambda.LambdaStore;
import dev.cloudjar.lambda.function.FunctionConfiguration;
import dev.cloudjar.lambda.function.FunctionRef;
import dev.cloudjar.lambda.invoke.Invoker;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Invokes a mapping's function synchronously with a batch of records, as Lambda's pollers do. */
final class BatchInvoker {
    /** How a batch went: invoked (with the function's result), throttled, or the function is gone. */
    record Outcome(Invoker.Result result, boolean throttled) {
        boolean succeeded() {
            return result != null && result.functionError() == null;
        }
    }

    private final LambdaStore store;
    private final Invoker invoker;

    BatchInvoker(LambdaStore store, Invoker invoker) {
        this.store = store;
        this.invoker = invoker;
    }

    Outcome invoke(Scope scope, EventSourceMapping mapping, List<Map<String, Object>> records) {
        byte[] payload = RecordJson.write(Map.of("Records", records));
        try {
            FunctionRef ref = FunctionRef.parse(mapping.functionArn(), scope);
            FunctionConfiguration function = store.route(scope, ref);
            return new Outcome(invoker.invoke(scope, function, ref.arn(scope), UUID.randomUUID().toString(), payload, null),
                    false);
        } catch (AwsException e) {
            return new Outcome(null, e.status() == 429);
        }
    }
}
