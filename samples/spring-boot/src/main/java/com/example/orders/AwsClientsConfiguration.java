package com.example.orders;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The AWS SDK v2 clients, all configured from {@link AwsProperties}. */
@Configuration(proxyBeanMethods = false)
public class AwsClientsConfiguration {
    private final AwsProperties aws;

    public AwsClientsConfiguration(AwsProperties aws) {
        this.aws = aws;
    }

    @Bean
    public S3Client s3Client() {
        // An emulator on localhost serves buckets by path, not by virtual host name.
        return configure(S3Client.builder()).forcePathStyle(aws.endpoint() != null).build();
    }

    @Bean
    public DynamoDbClient dynamoDbClient() {
        return configure(DynamoDbClient.builder()).build();
    }

    @Bean
    public SqsClient sqsClient() {
        return configure(SqsClient.builder()).build();
    }

    @Bean
    public LambdaClient lambdaClient() {
        return configure(LambdaClient.builder()).build();
    }

    private <B extends AwsClientBuilder<B, ?>> B configure(B builder) {
        builder.region(Region.of(aws.region())).credentialsProvider(credentials());
        if (aws.endpoint() != null) {
            builder.endpointOverride(aws.endpoint());
        }
        return builder;
    }

    private AwsCredentialsProvider credentials() {
        if (aws.accessKeyId() != null && aws.secretAccessKey() != null) {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create(aws.accessKeyId(), aws.secretAccessKey()));
        }
        return DefaultCredentialsProvider.builder().build();
    }
}
