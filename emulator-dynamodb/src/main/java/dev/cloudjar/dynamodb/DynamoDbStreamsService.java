package dev.cloudjar.dynamodb;

import dev.cloudjar.core.model.Protocol;
import dev.cloudjar.core.spi.Input;
import dev.cloudjar.core.spi.OperationHandler;
import dev.cloudjar.core.spi.OperationTable;
import dev.cloudjar.core.spi.Output;
import dev.cloudjar.core.spi.RequestContext;
import dev.cloudjar.core.spi.ServiceContext;
import dev.cloudjar.core.spi.ServiceDescriptor;
import dev.cloudjar.core.spi.ServicePlugin;
import dev.cloudjar.dynamodb.stream.StreamOperations;

import java.util.List;

/**
 * Amazon DynamoDB Streams over awsJson1_0 (hand-written model, see streams/README.md). It signs as
 * "dynamodb" like DynamoDB itself; the gateway tells the two apart by the X-Amz-Target prefix.
 * The streams are DynamoDB's, which hands them over through {@link ServiceContext#capabilities()}
 * (plugins start in no guaranteed order, so each request looks them up).
 */
public final class DynamoDbStreamsService implements ServicePlugin {
    private static final ServiceDescriptor DESCRIPTOR = new ServiceDescriptor("dynamodbstreams", "dynamodb",
            Protocol.AWS_JSON_1_0, "dev/cloudjar/dynamodb/streams/dynamodbstreams.json", "DynamoDBStreams_20120810",
            List.of(), false);

    @Override
    public ServiceDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void start(ServiceContext context, OperationTable operations) {
        operations.on("ListStreams", delegate(context, StreamOperations::listStreams))
                .on("DescribeStream", delegate(context, StreamOperations::describeStream))
                .on("GetShardIterator", delegate(context, StreamOperations::getShardIterator))
                .on("GetRecords", delegate(context, StreamOperations::getRecords));
    }

    private static OperationHandler delegate(ServiceContext context, Operation operation) {
        return (request, input) -> operation.handle(context.capabilities().find(StreamOperations.class)
                .orElseThrow(() -> new IllegalStateException("DynamoDB is not running")), request, input);
    }

    @FunctionalInterface
    private interface Operation {
        Output handle(StreamOperations operations, RequestContext request, Input input);
    }
}
