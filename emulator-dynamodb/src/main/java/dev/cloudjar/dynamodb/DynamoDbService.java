package dev.cloudjar.dynamodb;

import dev.cloudjar.core.model.Protocol;
import dev.cloudjar.core.spi.OperationTable;
import dev.cloudjar.core.spi.ServiceContext;
import dev.cloudjar.core.spi.ServiceDescriptor;
import dev.cloudjar.core.spi.ServicePlugin;

import java.util.List;

/** Amazon DynamoDB over awsJson1_0, described by AWS's published model (slimmed at build time). */
public final class DynamoDbService implements ServicePlugin {
    private static final ServiceDescriptor DESCRIPTOR = new ServiceDescriptor("dynamodb", "dynamodb",
            Protocol.AWS_JSON_1_0, "dev/cloudjar/dynamodb/dynamodb.json", "DynamoDB_20120810", List.of(), false);

    @Override
    public ServiceDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void start(ServiceContext context, OperationTable operations) {
    }
}
