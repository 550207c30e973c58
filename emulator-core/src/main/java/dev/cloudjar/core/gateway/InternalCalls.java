package dev.cloudjar.core.gateway;

import dev.cloudjar.core.error.AwsException;
import dev.cloudjar.core.model.OperationModel;
import dev.cloudjar.core.model.ServiceModel;
import dev.cloudjar.core.protocol.Validator;
import dev.cloudjar.core.spi.AwsCalls;
import dev.cloudjar.core.spi.CallContext;
import dev.cloudjar.core.spi.Input;
import dev.cloudjar.core.spi.OperationTable;
import dev.cloudjar.core.spi.Output;
import dev.cloudjar.core.spi.RequestContext;
import dev.cloudjar.core.spi.TraceHeader;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * {@link AwsCalls} over the started services: the operation's handler from the same table a
 * request from outside reaches, its input validated against the same model with the same
 * Validator, its AwsException passed back as is. Services get this object before the others
 * have started, so the service list is handed in once they all have.
 */
public final class InternalCalls implements AwsCalls {
    private final Validator validator;
    private final Supplier<String> endpoint;
    private final Clock clock;
    private volatile Map<String, ServiceRuntime> services = Map.of();

    public InternalCalls(Validator validator, Supplier<String> endpoint, Clock clock) {
        this.validator = validator;
        this.endpoint = endpoint;
        this.clock = clock;
    }

    /** The services calls can reach; set once every service has started. */
    public void serve(List<ServiceRuntime> started) {
        services = started.stream().collect(Collectors.toUnmodifiableMap(ServiceRuntime::name, Function.identity()));
    }

    @Override
    public Output call(CallContext context, String service, String operation, Input input) {
        ServiceRuntime target = services.get(service);
        if (target == null) {
            throw unknown(service, operation);
        }
        ServiceModel model = target.model();
        OperationModel operationModel = model.operation(operation);
        OperationTable.Entry entry = target.operations().entry(operation);
        if (operationModel == null || entry == null) {
            throw unknown(service, operation);
        }
        if (operationModel.input() != null) {
            validator.validate(model, operationModel.input(), input.members());
        }
        // The caller's trace continues into the call, as the SDK inside a traced function carries it on.
        Instant now = clock.instant();
        RequestContext request = new RequestContext(RequestIds.next(), target.name(), operation, context.scope(),
                context.principal(), endpoint.get(), now, context.trace() != null ? context.trace() : TraceHeader.create(now));
        Output output = entry.handler().handle(request, input);
        // Only long polls answer later; an internal caller waits for the answer like a client would.
        return output.pending() == null ? output : await(output);
    }

    private static Output await(Output output) {
        try {
            return output.pending().toCompletableFuture().join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    private static AwsException unknown(String service, String operation) {
        return new AwsException("UnknownOperationException", 400,
                "Cloudjar does not emulate " + service + " " + operation + ".");
    }
}
