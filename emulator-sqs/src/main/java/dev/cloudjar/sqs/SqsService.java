package dev.cloudjar.sqs;

import dev.cloudjar.core.model.Protocol;
import dev.cloudjar.core.spi.OperationTable;
import dev.cloudjar.core.spi.ServiceContext;
import dev.cloudjar.core.spi.ServiceDescriptor;
import dev.cloudjar.core.spi.ServicePlugin;

import java.util.List;

/**
 * Amazon SQS, described by AWS's published model (slimmed at build time). Current SDKs speak
 * awsJson1_0 ({@code X-Amz-Target: AmazonSQS.SendMessage}); older SDKs and the AWS CLI v1 post
 * the query protocol's forms to the queue URL, which the same model describes through its
 * awsQueryCompatible, awsQueryError and xmlName traits.
 */
public final class SqsService implements ServicePlugin {
    private static final ServiceDescriptor DESCRIPTOR = new ServiceDescriptor("sqs", "sqs", Protocol.AWS_JSON_1_0,
            "dev/cloudjar/sqs/sqs.json", "AmazonSQS", List.of(), false, List.of(Protocol.AWS_QUERY));

    @Override
    public ServiceDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void start(ServiceContext context, OperationTable operations) {
    }
}
