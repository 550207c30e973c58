package com.example.orders;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Creates the bucket, table, queue and pricing function when the application starts with {@code orders.provision=true}
 * (a developer's machine, a test); in production they come from the infrastructure's own templates.
 */
@Component
@ConditionalOnProperty(name = "orders.provision", havingValue = "true")
public class OrderInfrastructure implements ApplicationRunner {
    static final String ROLE = "arn:aws:iam::000000000000:role/order-pricing";

    private final S3Client s3;
    private final DynamoDbClient dynamo;
    private final SqsClient sqs;
    private final LambdaClient lambda;
    private final OrdersProperties names;

    public OrderInfrastructure(S3Client s3, DynamoDbClient dynamo, SqsClient sqs, LambdaClient lambda,
                               OrdersProperties names) {
        this.s3 = s3;
        this.dynamo = dynamo;
        this.sqs = sqs;
        this.lambda = lambda;
        this.names = names;
    }

    @Override
    public void run(ApplicationArguments args) throws IOException {
        s3.createBucket(b -> b.bucket(names.bucket()));
        dynamo.createTable(b -> b.tableName(names.table())
                .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH))
                .attributeDefinitions(a -> a.attributeName("id").attributeType(ScalarAttributeType.S))
                .billingMode(BillingMode.PAY_PER_REQUEST));
        sqs.createQueue(b -> b.queueName(names.queue()));
        SdkBytes code = zip("index.js", new ClassPathResource("functions/pricing.js"));
        lambda.createFunction(b -> b.functionName(names.pricingFunction()).runtime("nodejs20.x")
                .handler("index.handler").role(ROLE).code(c -> c.zipFile(code)));
        dynamo.waiter().waitUntilTableExists(b -> b.tableName(names.table()));
        lambda.waiter().waitUntilFunctionActiveV2(b -> b.functionName(names.pricingFunction()));
    }

    private static SdkBytes zip(String entry, ClassPathResource source) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes); InputStream in = source.getInputStream()) {
            zip.putNextEntry(new ZipEntry(entry));
            in.transferTo(zip);
            zip.closeEntry();
        }
        return SdkBytes.fromByteArray(bytes.toByteArray());
    }
}
