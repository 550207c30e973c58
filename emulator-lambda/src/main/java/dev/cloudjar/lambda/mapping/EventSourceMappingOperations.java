package dev.cloudjar.lambda.mapping;

import dev.cloudjar.core.error.AwsException;
import dev.cloudjar.core.spi.Capabilities;
import dev.cloudjar.core.spi.Input;
import dev.cloudjar.core.spi.Output;
import dev.cloudjar.core.spi.QueueSource;
import dev.cloudjar.core.spi.RequestContext;
import dev.cloudjar.core.spi.Scope;
import dev.cloudjar.core.spi.StreamSource;
import dev.cloudjar.lambda.LambdaErrors;
import dev.cloudjar.lambda.LambdaStore;
import dev.cloudjar.lambda.function.FunctionConfiguration;
import dev.cloudjar.lambda.function.FunctionOperations;
import dev.cloudjar.lambda.function.FunctionRef;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.UUID;

/**
 * Create/Get/List/Update/DeleteEventSourceMapping for SQS queues and DynamoDB streams, with
 * Lambda's defaults (BatchSize 10 for SQS, 100 for streams) and checks. A mapping starts
 * Creating and its poller makes it Enabled; Enabled=false stops the poller.
 */
public final class EventSourceMappingOperations {
    private static final int SQS_DEFAULT_BATCH = 10;
    private static final int STREAM_DEFAULT_BATCH = 100;
    private static final String USER_INITIATED = "USER_INITIATED";
    /** Settings only stream sources take. */
    private static final List<String> STREAM_ONLY = List.of("MaximumRetryAttempts", "BisectBatchOnFunctionError",
            "DestinationConfig", "MaximumRecordAgeInSeconds", "ParallelizationFactor", "TumblingWindowInSeconds");

    private final LambdaStore store;
    private final Capabilities capabilities;
    private final MappingPollers pollers;

    public EventSourceMappingOperations(LambdaStore store, Capabilities capabilities, MappingPollers pollers) {
        this.store = store;
        this.capabilities = capabilities;
        this.pollers = pollers;
    }

    public synchronized Output createEventSourceMapping(RequestContext context, Input input) {
        Scope scope = context.scope();
        String sourceArn = input.string("EventSourceArn");
        requireSupportedSource(sourceArn);
        MappedFunction function = function(scope, input.string("FunctionName"));
        String functionArn = function.arn();
        boolean queue = EventSourceMapping.isQueue(sourceArn);
        requireSourceFits(sourceArn, queue, function.configuration());
        String startingPosition = input.string("StartingPosition");
        if (queue && startingPosition != null) {
            throw LambdaErrors.invalidParameter("StartingPosition is not valid for SQS event sources.");
        }
        if (!queue && startingPosition == null) {
            throw LambdaErrors.invalidParameter("1 validation error detected: Value null at 'startingPosition' "
                    + "failed to satisfy constraint: Member must not be null.");
        }
        if ("AT_TIMESTAMP".equals(startingPosition)) {
            throw LambdaErrors.invalidParameter("Unsupported starting position for DynamoDB streams: AT_TIMESTAMP");
        }
        requireNoDuplicate(scope, sourceArn, functionArn, null);
        boolean enabled = !Boolean.FALSE.equals(input.bool("Enabled"));
        Input destinations = input.structure("DestinationConfig");
        EventSourceMapping mapping = checked(new EventSourceMapping(UUID.randomUUID().toString(), sourceArn, functionArn,
                enabled ? "Creating" : "Disabled", USER_INITIATED,
                input.has("BatchSize") ? input.integer("BatchSize") : queue ? SQS_DEFAULT_BATCH : STREAM_DEFAULT_BATCH,
                input.has("MaximumBatchingWindowInSeconds") ? input.integer("MaximumBatchingWindowInSeconds") : 0,
                startingPosition, patterns(input), input.has("FunctionResponseTypes") ? strings(input.list("FunctionResponseTypes")) : List.of(),
                input.integer("MaximumRetryAttempts"), input.integer("MaximumRecordAgeInSeconds"),
                input.bool("BisectBatchOnFunctionError"),
                input.has("ParallelizationFactor") ? input.integer("ParallelizationFactor") : queue ? null : 1,
                input.integer("TumblingWindowInSeconds"), maximumConcurrency(input),
                onFailure(destinations), System.currentTimeMillis(), queue ? null : StreamPoller.NO_RECORDS, -1), input);
        store.eventSourceMappings.put(scope, mapping.uuid(), mapping);
        if (enabled) {
            pollers.start(scope, mapping.uuid());
        }
        return FunctionOperations.output(mapping.describe(scope));
    }

    public Output getEventSourceMapping(RequestContext context, Input input) {
        return FunctionOperations.output(require(context.scope(), input.string("UUID")).describe(context.scope()));
    }

    public Output listEventSourceMappings(RequestContext context, Input input) {
        Scope scope = context.scope();
        String sourceArn = input.string("EventSourceArn");
        String functionName = input.has("FunctionName") ? FunctionRef.parse(input.string("FunctionName"), scope).name() : null;
        List<Object> listed = new ArrayList<>();
        for (EventSourceMapping mapping : store.eventSourceMappings.list(scope, "")) {
            if ((sourceArn == null || sourceArn.equals(mapping.eventSourceArn()))
                    && (functionName == null || functionName.equals(FunctionRef.parse(mapping.functionArn(), scope).name()))) {
                listed.add(mapping.describe(scope));
            }
        }
        return FunctionOperations.page(listed, input, "EventSourceMappings");
    }

    public synchronized Output updateEventSourceMapping(RequestContext context, Input input) {
        Scope scope = context.scope();
        EventSourceMapping current = require(scope, input.string("UUID"));
        String functionArn = current.functionArn();
        if (input.has("FunctionName")) {
            MappedFunction function = function(scope, input.string("FunctionName"));
            functionArn = function.arn();
            requireSourceFits(current.eventSourceArn(), current.readsQueue(), function.configuration());
        }
        requireNoDuplicate(scope, current.eventSourceArn(), functionArn, current.uuid());
        Boolean enabled = input.bool("Enabled");
        String state = current.state();
        String answered = current.active() ? "Updating" : state;
        if (Boolean.FALSE.equals(enabled) && current.active()) {
            state = "Disabled";
            answered = "Disabling";
        } else if (Boolean.TRUE.equals(enabled) && !current.active()) {
            state = "Enabling";
            answered = "Enabling";
        }
        Input destinations = input.structure("DestinationConfig");
        EventSourceMapping updated = checked(new EventSourceMapping(current.uuid(), current.eventSourceArn(), functionArn,
                state, USER_INITIATED,
                input.has("BatchSize") ? input.integer("BatchSize") : current.batchSize(),
                input.has("MaximumBatchingWindowInSeconds") ? input.integer("MaximumBatchingWindowInSeconds")
                        : current.maximumBatchingWindowInSeconds(),
                current.startingPosition(),
                input.has("FilterCriteria") ? patterns(input) : current.filterPatterns(),
                input.has("FunctionResponseTypes") ? strings(input.list("FunctionResponseTypes")) : current.functionResponseTypes(),
                input.has("MaximumRetryAttempts") ? input.integer("MaximumRetryAttempts") : current.maximumRetryAttempts(),
                input.has("MaximumRecordAgeInSeconds") ? input.integer("MaximumRecordAgeInSeconds") : current.maximumRecordAgeInSeconds(),
                input.has("BisectBatchOnFunctionError") ? input.bool("BisectBatchOnFunctionError") : current.bisectBatchOnFunctionError(),
                input.has("ParallelizationFactor") ? input.integer("ParallelizationFactor") : current.parallelizationFactor(),
                input.has("TumblingWindowInSeconds") ? input.integer("TumblingWindowInSeconds") : current.tumblingWindowInSeconds(),
                input.has("ScalingConfig") ? maximumConcurrency(input) : current.maximumConcurrency(),
                destinations != null ? onFailure(destinations) : current.onFailure(),
                System.currentTimeMillis(), current.lastProcessingResult(), current.position()), input);
        EventSourceMapping saved = store.updateMapping(scope, current.uuid(),
                latest -> updated.withProgress(latest.position(), latest.lastProcessingResult())).orElseThrow(this::notFound);
        if (saved.active()) {
            pollers.start(scope, saved.uuid());
        }
        return FunctionOperations.output(saved.withState(answered, USER_INITIATED).describe(scope));
    }

    public synchronized Output deleteEventSourceMapping(RequestContext context, Input input) {
        Scope scope = context.scope();
        EventSourceMapping mapping = require(scope, input.string("UUID"));
        store.eventSourceMappings.delete(scope, mapping.uuid());
        return FunctionOperations.output(mapping.withState("Deleting", USER_INITIATED).describe(scope));
    }

    private EventSourceMapping require(Scope scope, String uuid) {
        return store.eventSourceMappings.get(scope, uuid).orElseThrow(this::notFound);
    }

    private AwsException notFound() {
        return LambdaErrors.resourceNotFound("The resource you requested does not exist.");
    }

    /**
     * A function as a mapping names it: the ARN it keeps (qualified when the name is) and the
     * version that names resolves to now.
     */
    private record MappedFunction(String arn, FunctionConfiguration configuration) {
    }

    private MappedFunction function(Scope scope, String functionName) {
        FunctionRef ref = FunctionRef.parse(functionName, scope);
        try {
            return new MappedFunction(ref.arn(scope), store.resolve(scope, ref));
        } catch (AwsException e) {
            throw LambdaErrors.resourceNotFound("Function does not exist");
        }
    }

    private static void requireSupportedSource(String arn) {
        String[] parts = arn == null ? new String[0] : arn.split(":", 6);
        boolean supported = parts.length == 6 && parts[0].equals("arn") && (parts[2].equals("sqs")
                || parts[2].equals("dynamodb") && parts[5].matches("table/[^/]+/stream/.+"));
        if (!supported) {
            throw LambdaErrors.invalidParameter("Unrecognized event source, must be kinesis, dynamodb stream or sqs. "
                    + "Unsupported source arn : " + arn);
        }
    }

    /**
     * The source must exist; a queue must also hide a received message at least as long as the
     * function may run, or it would come back while still being processed.
     */
    private void requireSourceFits(String arn, boolean queue, FunctionConfiguration function) {
        if (queue) {
            OptionalInt visibility = capabilities.find(QueueSource.class).map(q -> q.visibilityTimeout(arn))
                    .orElse(OptionalInt.empty());
            if (visibility.isEmpty()) {
                throw LambdaErrors.invalidParameter("Error occurred while ReceiveMessage. SQS Error Code: "
                        + "AWS.SimpleQueueService.NonExistentQueue. SQS Error Message: The specified queue does not exist.");
            }
            if (visibility.getAsInt() < function.timeout()) {
                throw LambdaErrors.invalidParameter("Queue visibility timeout: " + visibility.getAsInt()
                        + " seconds is less than Function timeout: " + function.timeout() + " seconds");
            }
        } else if (capabilities.find(StreamSource.class).flatMap(s -> s.shard(arn)).isEmpty()) {
            throw LambdaErrors.invalidParameter("Stream not found: " + arn);
        }
    }

    private void requireNoDuplicate(Scope scope, String sourceArn, String functionArn, String exceptUuid) {
        for (EventSourceMapping other : store.eventSourceMappings.list(scope, "")) {
            if (other.eventSourceArn().equals(sourceArn) && other.functionArn().equals(functionArn)
                    && !other.uuid().equals(exceptUuid)) {
                String function = FunctionRef.parse(functionArn, scope).name();
                throw LambdaErrors.conflict(other.readsQueue()
                        ? "An event source mapping with SQS arn (\" " + sourceArn + " \") and function (\" " + function
                                + " \") already exists. Please update or delete the existing mapping with UUID " + other.uuid()
                        : "The event source arn (\" " + sourceArn + " \") and function (\" " + function
                                + " \") provided mapping already exists. Please update or delete the existing mapping with UUID "
                                + other.uuid());
            }
        }
    }

    /** The checks that depend on the source: SQS's batch limits and the settings SQS does not take. */
    private EventSourceMapping checked(EventSourceMapping mapping, Input input) {
        if (mapping.readsQueue()) {
            for (String member : STREAM_ONLY) {
                if (input.has(member)) {
                    throw LambdaErrors.invalidParameter("Unsupported " + member + " parameter for given event source.");
                }
            }
            if (mapping.batchSize() > SQS_DEFAULT_BATCH && mapping.eventSourceArn().endsWith(".fifo")) {
                throw LambdaErrors.invalidParameter("Batch size for FIFO queues must be between 1 and 10.");
            }
            if (mapping.batchSize() > SQS_DEFAULT_BATCH && mapping.maximumBatchingWindowInSeconds() == 0) {
                throw batchWindowRequired();
            }
        }
        EventFilter.of(mapping.filterPatterns());
        return mapping;
    }

    private static AwsException batchWindowRequired() {
        return LambdaErrors.invalidParameter(
                "Maximum batch window in seconds must be greater than 0 if maximum batch size is greater than 10");
    }

    private static String onFailure(Input destinations) {
        Input onFailure = destinations == null ? null : destinations.structure("OnFailure");
        String arn = onFailure == null ? null : onFailure.string("Destination");
        if (arn == null || arn.isEmpty()) {
            return null;
        }
        if (!arn.matches("arn:aws[a-z-]*:(sqs|sns):.*")) {
            throw LambdaErrors.invalidParameter("The destination ARN " + arn + " is invalid.");
        }
        return arn;
    }

    @SuppressWarnings("unchecked")
    private static List<String> patterns(Input input) {
        Input criteria = input.structure("FilterCriteria");
        List<Object> filters = criteria == null ? null : criteria.list("Filters");
        if (filters == null) {
            return List.of();
        }
        List<String> patterns = new ArrayList<>();
        for (Object filter : filters) {
            Object pattern = ((Map<String, Object>) filter).get("Pattern");
            if (pattern != null) {
                patterns.add(pattern.toString());
            }
        }
        return patterns;
    }

    private static Integer maximumConcurrency(Input input) {
        Input scaling = input.structure("ScalingConfig");
        return scaling == null ? null : scaling.integer("MaximumConcurrency");
    }

    private static List<String> strings(List<Object> values) {
        return values.stream().map(String::valueOf).toList();
    }
}
