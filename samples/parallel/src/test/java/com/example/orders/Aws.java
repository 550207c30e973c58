package com.example.orders;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.net.URI;

/** One test class's AWS SDK clients, all pointed at that class's Cloudjar. */
record Aws(URI endpoint, S3Client s3, DynamoDbClient dynamo, SqsClient sqs, LambdaClient lambda) implements AutoCloseable {
    static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
    static final String ROLE = "arn:aws:iam::000000000000:role/lambda-role";

    static Aws at(URI endpoint) {
        return new Aws(endpoint,
                S3Client.builder().endpointOverride(endpoint).forcePathStyle(true).region(Region.US_EAST_1)
                        .credentialsProvider(CREDENTIALS).build(),
                DynamoDbClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                        .credentialsProvider(CREDENTIALS).build(),
                SqsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                        .credentialsProvider(CREDENTIALS).build(),
                LambdaClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                        .credentialsProvider(CREDENTIALS).build());
    }

    @Override
    public void close() {
        s3.close();
        dynamo.close();
        sqs.close();
        lambda.close();
    }
}
